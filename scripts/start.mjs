#!/usr/bin/env node
// @ts-check
/**
 * `npm start`: make sure the two things a fresh checkout lacks are present, build, and run the app.
 *
 *  1. Electron's binary. npm is told not to run Electron's install script (package.json "allowScripts"), so on
 *     first start the binary is fetched with Electron's own downloader (node_modules/electron/install.js).
 *  2. `electron-vite build`, then Electron on the project folder, with this process's stdio.
 * The encrypted database module (better-sqlite3-multiple-ciphers 13) ships Node-API prebuilt binaries that
 * serve Node and Electron alike, so nothing is compiled.
 *
 * The decisions are plain functions (electronStatus, planStart) so they are tested without
 * network or Electron.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} projectDir @returns {{ electronVersion: string }} */
export function readVersions(projectDir) {
  const require = createRequire(path.join(projectDir, 'package.json'));
  /** @type {{ version: string }} */
  const electron = require('electron/package.json');
  return { electronVersion: electron.version };
}

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
 * @typedef {{ step: 'install-electron' | 'build-app' | 'launch', message: string }} Step
 * @param {{ electron: { present: boolean, reason?: string }, electronVersion: string, skipBuild?: boolean }} state
 * @returns {Step[]}
 */
export function planStart({ electron, electronVersion, skipBuild = false }) {
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

  let electron = electronStatus({ electronDir, version: versions.electronVersion });
  const steps = planStart({ electron, electronVersion: versions.electronVersion, skipBuild });

  for (const { step, message } of steps) {
    console.log(`\n> ${message}`);
    if (step === 'install-electron') {
      run(process.execPath, [path.join(electronDir, 'install.js')], projectDir);
      electron = electronStatus({ electronDir, version: versions.electronVersion });
      if (!electron.present || !electron.path) {
        throw new Error(`Electron's installer finished but the binary is still missing (${electron.reason ?? 'unknown'}). Delete node_modules/electron and run npm install again.`);
      }
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
