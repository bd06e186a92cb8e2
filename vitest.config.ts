import { defineConfig } from 'vitest/config';

// Two projects: fast unit/service tests in Node, and the end-to-end suite that drives Chromium
// against the built renderer. `npm test` runs both.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/globalSetup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // Documents are drawn and leak-checked in two render workers, as the app does (renderPool.ts), not on
          // the test's own thread as unit tests and the command line do.
          env: { CASEWRIGHT_RENDER_THREADS: '2' },
          // expect.poll's default of 1 s fails on a loaded machine (the suite must pass with the other core busy).
          expect: { poll: { timeout: 15_000, interval: 50 } },
        },
      },
    ],
  },
});
