import { defineConfig } from 'vitest/config';

// The smoke test of the real app under Electron (Playwright's _electron). Not part of `npm test`: it needs
// Electron's binary, which `npm install` does not download. Run it with `npm run test:electron`, which says
// plainly when it could not run (scripts/test-electron.mjs).
export default defineConfig({
  test: {
    name: 'electron',
    include: ['test/electron/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    expect: { poll: { timeout: 30_000, interval: 100 } },
  },
});
