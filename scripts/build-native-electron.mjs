#!/usr/bin/env node
// @ts-check
/**
 * Builds better-sqlite3-multiple-ciphers against Electron's ABI, without touching node_modules (whose copy
 * stays built for Node, for the tests and the CLI). The package is copied to a temporary folder, built there
 * with node-gyp against Electron's headers, and the resulting better_sqlite3.node is copied to
 * .electron-native/<electron-version>/, where the app's main process points better-sqlite3's `nativeBinding`.
 *
 *   node scripts/build-native-electron.mjs [--electron-version 45.5.0] [--out DIR]
 *                                          [--runtime electron|node] [--nodedir DIR] [--dist-url URL]
 *
 * (--runtime node and --nodedir exist so the mechanics can be checked against Node's own headers offline.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MODULE_NAME = 'better-sqlite3-multiple-ciphers';
export const BINDING_FILE = 'better_sqlite3.node';
export const STAMP_FILE = 'build.json';
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_DIR = path.resolve(here, '..');

/** Where the Electron-ABI build for a given Electron version lives. */
export function nativeDir(projectDir, electronVersion) {
  return path.join(projectDir, '.electron-native', electronVersion);
}

/**
 * What the build was made from. A stamp that differs from the expected one (a new Electron, a new
 * better-sqlite3-multiple-ciphers, another architecture) means the build must be redone.
 * @param {{ electronVersion: string, moduleVersion: string, platform?: string, arch?: string }} o
 */
export function buildStamp({ electronVersion, moduleVersion, platform = process.platform, arch = process.arch }) {
  return { electron: electronVersion, module: `${MODULE_NAME}@${moduleVersion}`, platform, arch };
}

/** @param {string[]} argv */
export function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !m[1]) throw new Error(`Unknown argument: ${arg}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    out[m[1]] = value;
  }
  return {
    electronVersion: out['electron-version'],
    out: out.out,
    runtime: out.runtime ?? 'electron',
    nodedir: out.nodedir,
    distUrl: out['dist-url'] ?? ELECTRON_HEADERS_URL,
  };
}

/**
 * node-gyp's arguments for the build.
 * @param {{ runtime: string, target: string, distUrl?: string, arch?: string, nodedir?: string }} o
 */
export function nodeGypArgs({ runtime, target, distUrl = ELECTRON_HEADERS_URL, arch = process.arch, nodedir }) {
  const args = ['rebuild', '--release', `--arch=${arch}`];
  if (runtime === 'electron') args.push('--runtime=electron', `--target=${target}`, `--dist-url=${distUrl}`);
  else args.push(`--target=${target}`);
  if (nodedir) args.push(`--nodedir=${nodedir}`);
  return args;
}

/**
 * node-gyp reads npm_config_* variables and lets them override its command line, so a stray `target=` or
 * `disturl=` in someone's .npmrc (or npm's own environment under `npm start`) could build for the wrong ABI.
 * Those are dropped and our own values set.
 * @param {NodeJS.ProcessEnv} env
 * @param {{ runtime: string, target: string, distUrl?: string }} o
 */
export function nodeGypEnv(env, { runtime, target, distUrl = ELECTRON_HEADERS_URL }) {
  /** @type {NodeJS.ProcessEnv} */
  const clean = {};
  const conflicting = /^(npm_config_(runtime|target|target_arch|arch|disturl|dist_url|nodedir|devdir|build_from_source)|npm_package_config_node_gyp_.*)$/i;
  for (const [k, v] of Object.entries(env)) if (!conflicting.test(k)) clean[k] = v;
  clean.npm_config_runtime = runtime;
  clean.npm_config_target = target;
  if (runtime === 'electron') clean.npm_config_disturl = distUrl;
  return clean;
}

/**
 * Folders to look for node-gyp from, best first: the project's own node_modules (it arrives with
 * electron-builder), then the copy bundled with npm.
 * @param {{ projectDir: string, env: NodeJS.ProcessEnv, execPath: string, platform?: string }} o
 */
export function nodeGypSearchPaths({ projectDir, env, execPath, platform = process.platform }) {
  const dirs = [projectDir];
  if (env.npm_execpath) dirs.push(path.resolve(path.dirname(env.npm_execpath), '..'));
  const nodeBin = path.dirname(execPath);
  if (platform === 'win32') dirs.push(path.join(nodeBin, 'node_modules', 'npm'));
  else dirs.push(path.resolve(nodeBin, '..', 'lib', 'node_modules', 'npm'), '/usr/lib/node_modules/npm', '/usr/share/nodejs/npm', '/usr/local/lib/node_modules/npm');
  return [...new Set(dirs)];
}

/**
 * How to run node-gyp: its script under node if one is found, else `npx node-gyp`.
 * @param {string[]} searchPaths
 * @param {(request: string, paths: string[]) => string} resolve
 * @returns {{ command: string, prefix: string[], via: string }}
 */
export function findNodeGyp(searchPaths, resolve) {
  for (const dir of searchPaths) {
    try {
      const script = resolve('node-gyp/bin/node-gyp.js', [dir]);
      return { command: process.execPath, prefix: [script], via: script };
    } catch {
      // not here; try the next place
    }
  }
  return { command: process.platform === 'win32' ? 'npx.cmd' : 'npx', prefix: ['--yes', 'node-gyp'], via: 'npx node-gyp' };
}

/** @param {string} projectDir */
export function readVersions(projectDir) {
  const require = createRequire(path.join(projectDir, 'package.json'));
  /** @type {{ version: string }} */
  const electron = require('electron/package.json');
  /** @type {{ version: string }} */
  const mod = require(`${MODULE_NAME}/package.json`);
  return { electronVersion: electron.version, moduleVersion: mod.version, moduleDir: path.dirname(require.resolve(`${MODULE_NAME}/package.json`)) };
}

/**
 * @param {{ projectDir?: string, electronVersion?: string, out?: string, runtime?: string, nodedir?: string,
 *   distUrl?: string, env?: NodeJS.ProcessEnv, log?: (s: string) => void }} [opts]
 * @returns {string} the path of the built module
 */
export function buildNativeForElectron(opts = {}) {
  const projectDir = opts.projectDir ?? PROJECT_DIR;
  const log = opts.log ?? ((s) => console.log(s));
  const env = opts.env ?? process.env;
  const versions = readVersions(projectDir);
  const runtime = opts.runtime ?? 'electron';
  const target = opts.electronVersion ?? (runtime === 'electron' ? versions.electronVersion : process.versions.node);
  const outDir = opts.out ?? nativeDir(projectDir, target);
  const distUrl = opts.distUrl ?? ELECTRON_HEADERS_URL;

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'casewright-native-'));
  try {
    const pkgDir = path.join(work, MODULE_NAME);
    log(`Copying ${MODULE_NAME} ${versions.moduleVersion} to ${pkgDir}`);
    // The existing build/ is Node's; leave it (and any node_modules) behind.
    fs.cpSync(versions.moduleDir, pkgDir, {
      recursive: true,
      filter: (src) => {
        const rel = path.relative(versions.moduleDir, src);
        const top = rel.split(path.sep)[0];
        return top !== 'build' && top !== 'node_modules';
      },
    });

    const gyp = findNodeGyp(nodeGypSearchPaths({ projectDir, env, execPath: process.execPath }), (request, paths) => createRequire(import.meta.url).resolve(request, { paths }));
    const args = [...gyp.prefix, ...nodeGypArgs({ runtime, target, distUrl, nodedir: opts.nodedir })];
    log(`Building with ${gyp.via} for ${runtime} ${target} (${process.platform}-${process.arch})`);
    const r = spawnSync(gyp.command, args, { cwd: pkgDir, stdio: 'inherit', env: nodeGypEnv(env, { runtime, target, distUrl }), shell: process.platform === 'win32' && gyp.command.endsWith('.cmd') });
    if (r.error) throw r.error;
    if (r.status !== 0) {
      throw new Error(
        `node-gyp failed (exit ${r.status ?? r.signal}). Building the database module needs Python 3 and a C++ compiler: ` +
          'on Debian/Ubuntu `sudo apt install build-essential python3`, on macOS `xcode-select --install`, on Windows the ' +
          'Visual Studio Build Tools with "Desktop development with C++". It also downloads Electron\'s headers once.',
      );
    }
    const built = path.join(pkgDir, 'build', 'Release', BINDING_FILE);
    if (!fs.existsSync(built)) throw new Error(`node-gyp finished but ${built} is missing`);

    fs.mkdirSync(outDir, { recursive: true });
    const dest = path.join(outDir, BINDING_FILE);
    // Copy then rename, so an interrupted copy never leaves a half-written module that looks complete.
    fs.copyFileSync(built, `${dest}.partial`);
    fs.renameSync(`${dest}.partial`, dest);
    const stamp = buildStamp({ electronVersion: target, moduleVersion: versions.moduleVersion });
    // A Node-runtime build (the offline self-check) records its Node version and never passes for Electron's.
    const record = runtime === 'electron' ? { ...stamp, runtime } : { ...stamp, electron: null, node: target, runtime };
    fs.writeFileSync(path.join(outDir, STAMP_FILE), `${JSON.stringify({ ...record, builtAt: new Date().toISOString() }, null, 2)}\n`);
    log(`Built ${dest}`);
    return dest;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  try {
    const a = parseArgs(process.argv.slice(2));
    buildNativeForElectron({ electronVersion: a.electronVersion, out: a.out, runtime: a.runtime, nodedir: a.nodedir, distUrl: a.distUrl });
  } catch (e) {
    console.error(`\n${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
