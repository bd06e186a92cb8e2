#!/usr/bin/env node
// @ts-check
/**
 * `npm start`: make sure the two things a fresh checkout lacks are present, build, and run the app.
 *
 *  1. Electron's binary. npm is told not to run Electron's install script (package.json "allowScripts"), so on
 *     first start the binary is fetched with Electron's own downloader (node_modules/electron/install.js).
 *  2. An Electron-ABI build of better-sqlite3-multiple-ciphers in .electron-native/<electron-version>/. The copy
 *     in node_modules is built for Node (tests, CLI); Electron needs its own, built once by
 *     scripts/build-native-electron.mjs and rebuilt only when Electron or the module changes.
 *  3. `electron-vite build`, then Electron on the project folder, with this process's stdio.
 *
 * The decisions are plain functions (electronStatus, nativeStatus, planStart) so they are tested without
 * network or Electron.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BINDING_FILE, PROJECT_DIR, STAMP_FILE, buildNativeForElectron, buildStamp, nativeDir, readVersions } from './build-native-electron.mjs';

/**
 * @typedef {{ exists: (p: string) => boolean, readText: (p: string) => string | null }} FileProbe
 */

/** @type {FileProbe} */
export const realFiles = {
  exists: (p) => fs.existsSync(p),
  readText: (p) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return null;
    }
  },
};

/**
 * Where Electron's executable is and whether it is there, read the way node_modules/electron/index.js reads
 * it, but without its side effect: requiring 'electron' from Node starts a download when the binary is
 * missing, and we want to say what is happening first.
 * @param {{ electronDir: string, version: string, env?: NodeJS.ProcessEnv, files?: FileProbe }} o
 * @returns {{ present: boolean, path: string | null, reason?: string }}
 */
export function electronStatus({ electronDir, version, env = process.env, files = realFiles }) {
  const rel = files.readText(path.join(electronDir, 'path.txt'));
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, rel ?? 'electron');
    return files.exists(p) ? { present: true, path: p } : { present: false, path: p, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${path.basename(p)}` };
  }
  if (!rel) return { present: false, path: null, reason: 'Electron has not been downloaded yet' };
  const exe = path.join(electronDir, 'dist', rel);
  if (!files.exists(exe)) return { present: false, path: exe, reason: 'the Electron binary is missing' };
  const installed = files.readText(path.join(electronDir, 'dist', 'version'));
  if (installed !== null && installed.trim().replace(/^v/, '') !== version) {
    return { present: false, path: exe, reason: `the downloaded Electron is ${installed.trim()}, not ${version}` };
  }
  return { present: true, path: exe };
}

/**
 * @param {string | null} text
 * @returns {Record<string, unknown> | null}
 */
function parseStamp(text) {
  if (!text) return null;
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}

/**
 * Whether the Electron-ABI database module exists and was built from what is installed now.
 * @param {{ dir: string, expected: ReturnType<typeof buildStamp>, files?: FileProbe }} o
 * @returns {{ present: boolean, upToDate: boolean, binding: string }}
 */
export function nativeStatus({ dir, expected, files = realFiles }) {
  const binding = path.join(dir, BINDING_FILE);
  if (!files.exists(binding)) return { present: false, upToDate: false, binding };
  const stamp = parseStamp(files.readText(path.join(dir, STAMP_FILE)));
  const upToDate =
    stamp !== null &&
    stamp.runtime === 'electron' &&
    stamp.electron === expected.electron &&
    stamp.module === expected.module &&
    stamp.platform === expected.platform &&
    stamp.arch === expected.arch;
  return { present: true, upToDate, binding };
}

/**
 * @typedef {{ step: 'install-electron' | 'build-native' | 'build-app' | 'launch', message: string }} Step
 * @param {{ electron: { present: boolean, reason?: string }, native: { present: boolean, upToDate: boolean },
 *   electronVersion: string, skipBuild?: boolean }} state
 * @returns {Step[]}
 */
export function planStart({ electron, native, electronVersion, skipBuild = false }) {
  /** @type {Step[]} */
  const steps = [];
  if (!electron.present) {
    steps.push({
      step: 'install-electron',
      message:
        `First start: downloading Electron ${electronVersion} (${electron.reason ?? 'not found'}). ` +
        'This fetches about 100 MB once, with Electron\'s own installer, and needs an internet connection.',
    });
  }
  if (!native.present) {
    steps.push({ step: 'build-native', message: 'First start: building the encrypted database module for Electron; this takes a few minutes once.' });
  } else if (!native.upToDate) {
    steps.push({ step: 'build-native', message: 'Electron or the database module has changed since the last build: rebuilding the encrypted database module for Electron; this takes a few minutes once.' });
  }
  if (!skipBuild) steps.push({ step: 'build-app', message: 'Building the app (electron-vite build).' });
  steps.push({ step: 'launch', message: 'Starting Casewright.' });
  return steps;
}

/** The environment Electron is started with: never as plain Node. */
export function launchEnv(env = process.env) {
  const next = { ...env };
  delete next.ELECTRON_RUN_AS_NODE;
  return next;
}

/** @param {string} command @param {string[]} args @param {string} cwd */
function run(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** @param {string[]} argv */
export async function main(argv, projectDir = PROJECT_DIR) {
  const skipBuild = argv.includes('--no-build');
  const electronArgs = argv.filter((a) => a !== '--no-build');
  let versions;
  try {
    versions = readVersions(projectDir);
  } catch (e) {
    throw new Error(`the dependencies are not installed (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); run \`npm install\` first.`, { cause: e });
  }
  const electronDir = path.join(projectDir, 'node_modules', 'electron');
  const dir = nativeDir(projectDir, versions.electronVersion);
  const expected = buildStamp({ electronVersion: versions.electronVersion, moduleVersion: versions.moduleVersion });

  let electron = electronStatus({ electronDir, version: versions.electronVersion });
  const steps = planStart({ electron, native: nativeStatus({ dir, expected }), electronVersion: versions.electronVersion, skipBuild });

  for (const { step, message } of steps) {
    console.log(`\n> ${message}`);
    if (step === 'install-electron') {
      run(process.execPath, [path.join(electronDir, 'install.js')], projectDir);
      electron = electronStatus({ electronDir, version: versions.electronVersion });
      if (!electron.present || !electron.path) {
        throw new Error(`Electron's installer finished but the binary is still missing (${electron.reason ?? 'unknown'}). Delete node_modules/electron and run npm install again.`);
      }
    } else if (step === 'build-native') {
      buildNativeForElectron({ projectDir, electronVersion: versions.electronVersion });
    } else if (step === 'build-app') {
      run(process.execPath, [path.join(projectDir, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], projectDir);
    } else {
      return launch(/** @type {string} */ (electron.path), electronArgs, projectDir);
    }
  }
  return 1;
}

/**
 * Runs Electron on the project folder and resolves with its exit code; Ctrl-C and termination are passed on.
 * @param {string} exe @param {string[]} args @param {string} cwd
 * @returns {Promise<number>}
 */
function launch(exe, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(exe, ['.', ...args], { cwd, stdio: 'inherit', env: launchEnv() });
    const forward = (/** @type {NodeJS.Signals} */ sig) => () => {
      if (!child.killed) child.kill(sig);
    };
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`\nCasewright could not start: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
