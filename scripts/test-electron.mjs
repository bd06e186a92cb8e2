#!/usr/bin/env node
// @ts-check
/**
 * `npm run test:electron`: the smoke test of the real app under Playwright's `_electron` (test/electron/,
 * vitest.electron.config.ts; not part of `npm test`). It drives either
 *   - the development build: Electron from node_modules on the project folder (after `electron-vite build`), or
 *   - a packaged build: CASEWRIGHT_ELECTRON_APP=<release-smoke/linux-unpacked, or the program in it>, made by
 *     `npm run dist:smoke` (the installer settings, but with the inspect fuse on, which Playwright needs).
 *
 * Where neither is there (no Electron binary, as on the build machine this project grew up on), it does not
 * report a pass: it prints one line saying the smoke test did not run and why, and exits with status 2.
 * A skipped smoke test must never look like a passed one.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { electronStatus, readVersions } from './start.mjs';

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Exit status when the smoke test could not run (distinct from 1, a failed test). */
export const NOT_RUN = 2;

/** The packaged program inside an unpacked build folder, per platform. @param {string} dir @param {NodeJS.Platform} platform */
export function packagedProgram(dir, platform) {
  if (platform === 'win32') return path.join(dir, 'Casewright.exe');
  if (platform === 'darwin') return path.join(dir, 'Casewright.app', 'Contents', 'MacOS', 'Casewright');
  return path.join(dir, 'casewright');
}

/**
 * What the smoke test will drive, or why it cannot run.
 * @param {{ env: NodeJS.ProcessEnv, projectDir: string, platform: NodeJS.Platform, exists: (p: string) => boolean, isDirectory: (p: string) => boolean, electron: { present: boolean, path: string | null, reason?: string }, electronVersion: string }} o
 * @returns {{ ok: true, kind: 'development' | 'packaged', executablePath: string, args: string[] } | { ok: false, reason: string }}
 */
export function smokeTarget({ env, projectDir, platform, exists, isDirectory, electron, electronVersion }) {
  const given = env.CASEWRIGHT_ELECTRON_APP;
  if (given) {
    const abs = path.resolve(projectDir, given);
    const program = isDirectory(abs) ? packagedProgram(abs, platform) : abs;
    if (!exists(program)) {
      return { ok: false, reason: `CASEWRIGHT_ELECTRON_APP names ${abs}, where there is no Casewright program; run npm run dist:smoke and point it at release-smoke/${platform === 'darwin' ? 'mac' : platform === 'win32' ? 'win' : 'linux'}-unpacked` };
    }
    return { ok: true, kind: 'packaged', executablePath: program, args: [] };
  }
  if (!electron.present || !electron.path) {
    return { ok: false, reason: `Electron ${electronVersion} is not downloaded on this machine (${electron.reason ?? 'not found'}); run npm start once with internet access (it downloads Electron), or set CASEWRIGHT_ELECTRON_APP to a packaged build` };
  }
  return { ok: true, kind: 'development', executablePath: electron.path, args: [projectDir] };
}

/** The target on this machine. @param {NodeJS.ProcessEnv} env */
export function currentSmokeTarget(env = process.env, projectDir = PROJECT_DIR) {
  const { electronVersion } = readVersions(projectDir);
  return smokeTarget({
    env,
    projectDir,
    platform: process.platform,
    exists: (p) => fs.existsSync(p),
    isDirectory: (p) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false,
    electron: electronStatus({ electronDir: path.join(projectDir, 'node_modules', 'electron'), version: electronVersion, env }),
    electronVersion,
  });
}

/** @electron/fuses' FuseV1Options.EnableNodeCliInspectArguments and FuseState.DISABLE. */
const INSPECT_FUSE = 3;
const FUSE_DISABLED = 48;

/**
 * Why Playwright cannot drive a packaged program whose fuse wire is `wire` (null if it can): it connects through
 * the Node inspector, which the installers' fuses switch off.
 * @param {Record<number, number>} wire @param {string} program
 */
export function inspectFuseProblem(wire, program) {
  return wire[INSPECT_FUSE] === FUSE_DISABLED
    ? `${program} is an installer build, whose inspect fuse is off, so Playwright cannot drive it; make a smoke-test build with npm run dist:smoke and point CASEWRIGHT_ELECTRON_APP at release-smoke/`
    : null;
}

/** The line printed when the smoke test cannot run. @param {string} reason */
export function notRunMessage(reason) {
  return `The Electron smoke test did NOT run (this is not a pass): ${reason}, then run npm run test:electron again.`;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const target = currentSmokeTarget();
  if (!target.ok) {
    console.error(notRunMessage(target.reason));
    process.exit(NOT_RUN);
  }
  if (target.kind === 'packaged') {
    /** @type {{ getCurrentFuseWire(p: string): Promise<Record<number, number>> }} */
    const fuses = createRequire(import.meta.url)('@electron/fuses');
    const problem = inspectFuseProblem(await fuses.getCurrentFuseWire(target.executablePath), target.executablePath);
    if (problem) {
      console.error(notRunMessage(problem));
      process.exit(NOT_RUN);
    }
  }
  const bin = (/** @type {string} */ name, /** @type {string[]} */ ...rel) => path.join(PROJECT_DIR, 'node_modules', name, ...rel);
  if (target.kind === 'development' && !process.argv.includes('--no-build')) {
    const b = spawnSync(process.execPath, [bin('electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: PROJECT_DIR, stdio: 'inherit' });
    if (b.status !== 0) {
      console.error('The app could not be built for the smoke test (the errors are above).');
      process.exit(1);
    }
  }
  console.log(`Smoke test of the ${target.kind} build: ${target.executablePath}`);
  const r = spawnSync(process.execPath, [bin('vitest', 'vitest.mjs'), 'run', '--config', 'vitest.electron.config.ts'], { cwd: PROJECT_DIR, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
