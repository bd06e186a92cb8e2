// @ts-check
/**
 * electron-builder's afterPack hook (electron-builder.yml `afterPack`): before any installer is made, prove that
 * the packaged encrypted-database module works. It takes better-sqlite3-multiple-ciphers out of the packaged
 * app.asar (its JavaScript from inside the archive, its .node from app.asar.unpacked, exactly as packaged) into
 * a temporary folder and, in a separate plain Node process, creates an encrypted store with the app's cipher
 * settings, reopens it with its key and checks that a wrong key is refused. Plain Node rather than the packaged
 * Electron under ELECTRON_RUN_AS_NODE, because the runAsNode fuse is off in the packaged binary; the module is
 * Node-API, so the same .node serves both.
 *
 * A failure stops the build with one sentence. A build for another platform or architecture than this
 * machine's cannot load that .node here, so the check is skipped with a warning (run `npm run dist` on the
 * target platform, or in CI there, to have it).
 *
 * Nothing here touches the development tree's node_modules.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const MODULE = 'better-sqlite3-multiple-ciphers';
/** Kept equal to CIPHER_SETTINGS in main/services/store/caseStore.ts (a unit test checks). */
export const CIPHER = { cipher: 'sqlcipher', legacy: 4, kdfIter: 256000 };

/** electron-builder's Arch enum (builder-util), by number. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/**
 * Whether this machine can load the packaged module: only a build for its own platform and architecture.
 * @param {{ electronPlatformName: string, arch: number }} target
 * @param {{ platform: string, arch: string }} host
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
export function canCheckHere(target, host = { platform: process.platform, arch: process.arch }) {
  const arch = ARCH_NAMES[target.arch] ?? String(target.arch);
  if (target.electronPlatformName === host.platform && arch === host.arch) return { ok: true };
  if (target.electronPlatformName === 'darwin' && arch === 'universal' && host.platform === 'darwin') return { ok: true };
  return { ok: false, reason: `this is a ${target.electronPlatformName}-${arch} build and this machine is ${host.platform}-${host.arch}` };
}

/** Where electron-builder put the app's resources (app.asar), per platform. @param {string} appOutDir @param {string} platform @param {string} productFilename */
export function resourcesDirOf(appOutDir, platform, productFilename) {
  return platform === 'darwin' ? path.join(appOutDir, `${productFilename}.app`, 'Contents', 'Resources') : path.join(appOutDir, 'resources');
}

/**
 * Copies the database module out of app.asar (and app.asar.unpacked, where its .node files are) into dest.
 * @param {string} resourcesDir @param {string} dest @returns {string} the module's folder under dest
 */
export function extractModule(resourcesDir, dest) {
  /** @type {{ listPackage(a: string, o: { isPack: boolean }): string[], extractFile(a: string, f: string): Buffer, statFile(a: string, f: string): { files?: unknown, link?: string } }} */
  const asar = require('@electron/asar');
  const archive = path.join(resourcesDir, 'app.asar');
  if (!fs.existsSync(archive)) throw new Error(`there is no app.asar in ${resourcesDir}`);
  const prefix = `${path.sep}node_modules${path.sep}${MODULE}${path.sep}`;
  const files = asar.listPackage(archive, { isPack: false }).filter((f) => f.startsWith(prefix));
  if (files.length === 0) throw new Error(`app.asar has no node_modules/${MODULE}; it must be in "dependencies"`);
  for (const file of files) {
    const rel = file.slice(1);
    const stat = asar.statFile(archive, rel);
    if ('files' in stat || 'link' in stat) continue;
    const out = path.join(dest, rel);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    // extractFile reads unpacked entries from app.asar.unpacked, so the .node is the one the app will load.
    fs.writeFileSync(out, asar.extractFile(archive, rel));
  }
  return path.join(dest, 'node_modules', MODULE);
}

/**
 * The program the separate Node process runs (CommonJS, one argument: the module's folder; one: a temp folder).
 * Prints one line of JSON: { ok: true } or { ok: false, step, message }.
 */
export const STORE_CHECK_PROGRAM = `
'use strict';
const path = require('path');
const [moduleDir, dir, cipherJson] = process.argv.slice(1);
const CIPHER = JSON.parse(cipherJson);
let step = 'load the module';
const done = (r) => { process.stdout.write(JSON.stringify(r) + '\\n'); process.exit(r.ok ? 0 : 1); };
try {
  const Database = require(moduleDir);
  // The native part loads on first use: open (and close) an in-memory database to load it now.
  new Database(':memory:').close();
  const file = path.join(dir, 'check.cwstore');
  const open = (key, opts) => {
    const db = new Database(file, opts);
    db.pragma("cipher = '" + CIPHER.cipher + "'");
    db.pragma('legacy = ' + CIPHER.legacy);
    db.pragma('kdf_iter = ' + CIPHER.kdfIter);
    db.key(Buffer.from(key, 'utf8'));
    return db;
  };
  step = 'create an encrypted store';
  let db = open('packaged check passphrase');
  db.exec('CREATE TABLE t (v TEXT NOT NULL) STRICT');
  db.prepare('INSERT INTO t (v) VALUES (?)').run('casewright');
  db.close();
  step = 'see that the file is encrypted';
  if (require('fs').readFileSync(file).subarray(0, 15).toString('latin1') === 'SQLite format 3') throw new Error('the store was written unencrypted');
  step = 'reopen it with its key';
  db = open('packaged check passphrase', { fileMustExist: true });
  const row = db.prepare('SELECT v FROM t').get();
  db.close();
  if (!row || row.v !== 'casewright') throw new Error('the row read back differs');
  step = 'refuse a wrong key';
  let refused = false;
  try {
    db = open('not the passphrase', { fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.close();
  } catch (e) {
    refused = /not a database|SQLITE_NOTADB/i.test(String(e && e.message)) || (e && e.code === 'SQLITE_NOTADB');
    if (!refused) throw e;
  }
  if (!refused) throw new Error('a wrong key opened the store');
  done({ ok: true });
} catch (e) {
  done({ ok: false, step, message: String(e && e.message || e).split('\\n')[0] });
}
`;

/** The check's environment: this one, less anything that would make Node load other code first. @param {NodeJS.ProcessEnv} env */
export function checkEnv(env) {
  const { NODE_OPTIONS: _o, NODE_PATH: _p, ELECTRON_RUN_AS_NODE: _e, ...rest } = env;
  return rest;
}

/**
 * Runs the store check on a module folder, in a new Node process with a temporary folder.
 * @param {string} moduleDir @param {string} [nodePath]
 * @returns {{ ok: true } | { ok: false, message: string }}
 */
export function checkStoreWith(moduleDir, nodePath = process.execPath) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-afterpack-store-'));
  try {
    const r = spawnSync(nodePath, ['-e', STORE_CHECK_PROGRAM, moduleDir, dir, JSON.stringify(CIPHER)], { encoding: 'utf8', timeout: 120_000, env: checkEnv(process.env) });
    /** @type {{ ok: boolean, step?: string, message?: string } | null} */
    let result = null;
    try {
      result = JSON.parse((r.stdout ?? '').trim().split('\n').pop() ?? '');
    } catch {
      result = null;
    }
    if (result?.ok) return { ok: true };
    const why = result ? `could not ${result.step} (${result.message})` : `stopped before reporting (${(r.stderr ?? r.error?.message ?? '').trim().split('\n')[0] || `exit ${r.status}`})`;
    return { ok: false, message: `The packaged ${MODULE} ${why}; the installer would not open case stores, so no installer was made.` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The whole check for one packaged app folder. @param {string} resourcesDir
 * @returns {{ ok: true } | { ok: false, message: string }}
 */
export function checkPackagedApp(resourcesDir, nodePath = process.execPath) {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-afterpack-module-'));
  try {
    let moduleDir;
    try {
      moduleDir = extractModule(resourcesDir, dest);
    } catch (e) {
      return { ok: false, message: `The packaged app could not be checked because ${e instanceof Error ? e.message : String(e)}; no installer was made.` };
    }
    return checkStoreWith(moduleDir, nodePath);
  } finally {
    fs.rmSync(dest, { recursive: true, force: true });
  }
}

/**
 * The hook itself. @param {{ appOutDir: string, electronPlatformName: string, arch: number, packager: { appInfo: { productFilename: string } } }} context
 */
export default async function afterPack(context) {
  const where = canCheckHere(context);
  if (!where.ok) {
    console.warn(`  • WARNING: the packaged encrypted-database module was not checked because ${where.reason}; run npm run dist on that platform to check it.`);
    return;
  }
  const resourcesDir = resourcesDirOf(context.appOutDir, context.electronPlatformName, context.packager.appInfo.productFilename);
  const r = checkPackagedApp(resourcesDir);
  if (!r.ok) throw new Error(r.message);
  console.log(`  • checked: the packaged ${MODULE} creates, reopens and refuses a wrong key on an encrypted store`);
}
