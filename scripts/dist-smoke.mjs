#!/usr/bin/env node
// @ts-check
/**
 * `npm run dist:smoke`: a packaged build for the Electron smoke test only, never to give anyone. It is the
 * installer's configuration (electron-builder.yml: asar, the same files, the afterPack check, every other fuse)
 * with two differences: the inspect fuse stays on, because Playwright's `_electron` drives the app through the
 * Node inspector, and it goes to release-smoke/ as an unpacked folder (`--dir`), not an installer. Then:
 *   CASEWRIGHT_ELECTRON_APP=release-smoke/linux-unpacked npm run test:electron
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SMOKE_OUTPUT = 'release-smoke';

/** The smoke build's configuration from the installer's. @param {Record<string, any>} config */
export function smokeConfig(config) {
  return {
    ...config,
    directories: { ...(config.directories ?? {}), output: SMOKE_OUTPUT },
    electronFuses: { ...(config.electronFuses ?? {}), enableNodeCliInspectArguments: true },
  };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const require = createRequire(import.meta.url);
  /** @type {{ load(t: string): Record<string, any> }} */
  const yaml = require('js-yaml');
  /** @type {{ build(o: object): Promise<string[]> }} */
  const builder = require('electron-builder');
  const config = smokeConfig(yaml.load(fs.readFileSync(path.join(PROJECT_DIR, 'electron-builder.yml'), 'utf8')));
  builder.build({ projectDir: PROJECT_DIR, config, dir: true }).then(
    () => console.log(`Smoke-test build in ${SMOKE_OUTPUT}/ (not an installer: its inspect fuse is on).`),
    (e) => {
      console.error(`The smoke-test build failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      process.exit(1);
    },
  );
}
