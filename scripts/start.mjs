#!/usr/bin/env node
// @ts-check
/**
 * `npm start`: make sure the two things a fresh checkout lacks are present, build, and run the app.
 *
 *  0. Node new enough (scripts/check-node.cjs, which also runs on its own before this file on `npm start`).
 *  1. Electron's binary. npm is told not to run Electron's install script (package.json "allowScripts"), so on
 *     first start the binary is fetched with Electron's own downloader (node_modules/electron/install.js),
 *     with a time limit; a failure is one sentence naming the fix (offline, proxy, mirror).
 *  2. On Linux, whether the kernel will let Electron's sandbox start (Ubuntu 24.04+ restricts unprivileged
 *     user namespaces through AppArmor); if not, the exact commands that allow it.
 *  3. `electron-vite build`, then Electron on the project folder, with this process's stdio.
 * The encrypted database module (better-sqlite3-multiple-ciphers 13) ships Node-API prebuilt binaries that
 * serve Node and Electron alike, so nothing is compiled.
 *
 * The decisions are plain functions (nodeVersionProblem, electronStatus, downloadFailure, sandboxProblem,
 * planStart) so they are tested without network or Electron. Every failure is a StartError: one sentence
 * (plus, for AppArmor, the commands to paste), printed without a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import dns from 'node:dns';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const requireHere = createRequire(import.meta.url);
/** @type {{ nodeVersionProblem: (version: string) => string | null, REQUIRED: { major: number, minor: number } }} */
const checkNode = requireHere('./check-node.cjs');
export const nodeVersionProblem = checkNode.nodeVersionProblem;

/** A failure the person at the keyboard can act on: its message is the whole of what is printed. */
export class StartError extends Error {}

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
 * @typedef {{ step: 'install-electron' | 'check-sandbox' | 'build-app' | 'launch', message: string }} Step
 * @param {{ electron: { present: boolean, reason?: string }, electronVersion: string, skipBuild?: boolean, platform?: NodeJS.Platform }} state
 * @returns {Step[]}
 */
export function planStart({ electron, electronVersion, skipBuild = false, platform = process.platform }) {
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
  // Only Linux restricts the sandbox in ways a user can fix; checked before the build, so nobody waits for nothing.
  if (platform === 'linux') steps.push({ step: 'check-sandbox', message: 'Checking that Electron\'s sandbox can start.' });
  if (!skipBuild) steps.push({ step: 'build-app', message: 'Building the app (electron-vite build).' });
  steps.push({ step: 'launch', message: 'Starting Casewright.' });
  return steps;
}

/** How long Electron's download may take before it is stopped (seconds; CASEWRIGHT_DOWNLOAD_TIMEOUT overrides). */
export const DEFAULT_DOWNLOAD_TIMEOUT_S = 600;

/** @param {NodeJS.ProcessEnv} env */
export function downloadTimeoutSeconds(env = process.env) {
  const n = Number(env.CASEWRIGHT_DOWNLOAD_TIMEOUT);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_DOWNLOAD_TIMEOUT_S;
}

/** The host Electron's downloader fetches from: ELECTRON_MIRROR's, else GitHub's. @param {NodeJS.ProcessEnv} env */
export function downloadHost(env = process.env) {
  const mirror = env.ELECTRON_MIRROR || env.npm_config_electron_mirror;
  if (mirror) {
    try {
      return new URL(mirror).hostname || 'github.com';
    } catch {
      return mirror;
    }
  }
  return 'github.com';
}

const PROXY_HINT = 'behind a proxy, set HTTPS_PROXY and ELECTRON_GET_USE_PROXY=1; or set ELECTRON_MIRROR to a mirror your organisation allows';
const OFFLINE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ENETUNREACH|EHOSTUNREACH|ETIMEDOUT|UND_ERR_CONNECT|fetch failed|socket hang up/i;

/**
 * One sentence saying why Electron's download failed and what to do, from what the downloader printed and
 * what is known about the network (hostReachable: whether the download host's name resolved; null if unknown).
 * @param {{ version: string, output: string, timedOut?: boolean, timeoutSeconds?: number, env?: NodeJS.ProcessEnv, hostReachable?: boolean | null }} o
 * @returns {string}
 */
export function downloadFailure({ version, output, timedOut = false, timeoutSeconds = DEFAULT_DOWNLOAD_TIMEOUT_S, env = process.env, hostReachable = null }) {
  const what = `Electron ${version}`;
  const proxy = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  const mirror = env.ELECTRON_MIRROR || env.npm_config_electron_mirror;
  const host = downloadHost(env);
  if (timedOut) {
    const minutes = Math.round(timeoutSeconds / 60);
    const limit = timeoutSeconds < 60 ? `${Math.round(timeoutSeconds)} seconds` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
    return `${what} did not finish downloading within ${limit}, so the download was stopped; check the internet connection (${PROXY_HINT}) and run npm start again.`;
  }
  if (/ENOSPC/.test(output)) return `${what} could not be saved because the disk is full; free about 300 MB and run npm start again.`;
  if (/EACCES|EPERM/.test(output)) return `${what} could not be saved because node_modules/electron or Electron's download cache is not writable by you; fix the folder's permissions (or run npm install as yourself) and run npm start again.`;
  if (proxy && !env.ELECTRON_GET_USE_PROXY) {
    return `${what} could not be downloaded: a proxy is set (HTTPS_PROXY) but Electron's downloader only uses it when ELECTRON_GET_USE_PROXY=1 is set too; set it and run npm start again.`;
  }
  if (mirror && /\b404\b|Not Found/i.test(output)) {
    return `${what} could not be downloaded because the mirror in ELECTRON_MIRROR (${mirror}) does not have it; point ELECTRON_MIRROR at a mirror that has Electron ${version}, or unset it, and run npm start again.`;
  }
  if (/checksum|sha256/i.test(output)) {
    return `${what} was downloaded but did not match its published checksum, so it was not used; delete Electron's download cache (ELECTRON_CACHE, or ~/.cache/electron) and run npm start again.`;
  }
  if (hostReachable === false || OFFLINE.test(output)) {
    return `${what} could not be downloaded because this computer cannot reach ${host}; connect to the internet (${PROXY_HINT}) and run npm start again.`;
  }
  const first = output.split('\n').map((l) => l.trim()).find((l) => l.length > 0);
  return `${what} could not be downloaded${first ? ` (${first.slice(0, 160)})` : ''}; check the internet connection (${PROXY_HINT}) and run npm start again.`;
}

/**
 * Whether the download host's name resolves, within a few seconds (null if it could not be told).
 * @param {string} host @returns {Promise<boolean | null>}
 */
export function canResolve(host, timeoutMs = 5000) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    timer.unref();
    dns.lookup(host, (err) => {
      clearTimeout(timer);
      resolve(err ? (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN' ? false : null) : true);
    });
  });
}

export const APPARMOR_SWITCH = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';
export const APPARMOR_PROFILE_NAME = 'casewright-electron';

/** The AppArmor profile that lets this Electron binary (and nothing else) create user namespaces. @param {string} exe */
export function apparmorProfile(exe) {
  return [
    'abi <abi/4.0>,',
    'include <tunables/global>',
    '',
    `profile ${APPARMOR_PROFILE_NAME} "${exe}" flags=(unconfined) {`,
    '  userns,',
    `  include if exists <local/${APPARMOR_PROFILE_NAME}>`,
    '}',
  ].join('\n');
}

/**
 * @typedef {{ restrictUserns: string | null, profiles: string[], sandboxHelper: { uid: number, mode: number } | null }} SandboxFacts
 * restrictUserns: the text of APPARMOR_SWITCH (null when absent); profiles: the texts of /etc/apparmor.d/*;
 * sandboxHelper: the owner and mode of Electron's chrome-sandbox (null when absent).
 */

/**
 * Whether Electron's sandbox will be refused on this Linux (Ubuntu 24.04+: unprivileged user namespaces
 * restricted by AppArmor, no profile for this binary, and no setuid-root chrome-sandbox to fall back on);
 * if so, a sentence and the exact commands that fix it. Casewright never turns the sandbox off instead.
 * @param {{ platform: NodeJS.Platform, exe: string, facts: SandboxFacts }} o
 * @returns {string | null}
 */
export function sandboxProblem({ platform, exe, facts }) {
  if (platform !== 'linux') return null;
  if ((facts.restrictUserns ?? '').trim() !== '1') return null;
  const helper = facts.sandboxHelper;
  if (helper && helper.uid === 0 && (helper.mode & 0o4000) !== 0) return null;
  if (facts.profiles.some((text) => text.includes(exe) && /\buserns\b/.test(text))) return null;
  const file = `/etc/apparmor.d/${APPARMOR_PROFILE_NAME}`;
  return [
    `This Linux (Ubuntu 24.04 or later) lets AppArmor refuse Electron's sandbox, and there is no AppArmor profile for ${exe}; allow this Electron once with the commands below (they need sudo), then run npm start again:`,
    '',
    `sudo tee ${file} > /dev/null <<'EOF'`,
    apparmorProfile(exe),
    'EOF',
    `sudo apparmor_parser -r ${file}`,
  ].join('\n');
}

/** Reads the facts sandboxProblem decides on. @param {string} exe @returns {SandboxFacts} */
export function readSandboxFacts(exe) {
  const restrictUserns = realFiles.readText(APPARMOR_SWITCH);
  /** @type {string[]} */
  const profiles = [];
  if (restrictUserns !== null && restrictUserns.trim() === '1') {
    try {
      for (const entry of fs.readdirSync('/etc/apparmor.d', { withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const text = realFiles.readText(path.join('/etc/apparmor.d', entry.name));
        if (text !== null) profiles.push(text);
      }
    } catch {
      // No /etc/apparmor.d: no profiles.
    }
  }
  let sandboxHelper = null;
  try {
    const st = fs.statSync(path.join(path.dirname(exe), 'chrome-sandbox'));
    sandboxHelper = { uid: st.uid, mode: st.mode };
  } catch {
    // No helper (or not readable).
  }
  return { restrictUserns, profiles, sandboxHelper };
}

/** The environment Electron is started with: never as plain Node. */
export function launchEnv(env = process.env) {
  const next = { ...env };
  delete next.ELECTRON_RUN_AS_NODE;
  return next;
}

/** @param {string} command @param {string[]} args @param {string} cwd @param {string} failure */
function run(command, args, cwd, failure) {
  const r = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (r.error || r.status !== 0) throw new StartError(failure);
}

/**
 * Electron's own downloader, stopped after timeoutSeconds; its output is kept to explain a failure.
 * @param {string} installJs @param {string} cwd @param {number} timeoutSeconds
 */
function downloadElectron(installJs, cwd, timeoutSeconds) {
  const r = spawnSync(process.execPath, [installJs], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL' });
  const timedOut = /** @type {NodeJS.ErrnoException | undefined} */ (r.error)?.code === 'ETIMEDOUT';
  return { ok: !r.error && r.status === 0, timedOut, output: `${r.stdout ?? ''}\n${r.stderr ?? ''}\n${r.error?.message ?? ''}` };
}

/** @param {string[]} argv */
export async function main(argv, projectDir = PROJECT_DIR) {
  // Before anything else: an old Node fails later in ways that do not say why.
  const tooOld = nodeVersionProblem(process.versions.node);
  if (tooOld) throw new StartError(tooOld);
  const skipBuild = argv.includes('--no-build');
  const electronArgs = argv.filter((a) => a !== '--no-build');
  let versions;
  try {
    versions = readVersions(projectDir);
  } catch {
    throw new StartError('The dependencies are not installed; run npm install in the Casewright folder, then npm start.');
  }
  const electronDir = path.join(projectDir, 'node_modules', 'electron');

  let electron = electronStatus({ electronDir, version: versions.electronVersion });
  const steps = planStart({ electron, electronVersion: versions.electronVersion, skipBuild });

  for (const { step, message } of steps) {
    console.log(`\n> ${message}`);
    if (step === 'install-electron') {
      const timeoutSeconds = downloadTimeoutSeconds();
      const r = downloadElectron(path.join(electronDir, 'install.js'), projectDir, timeoutSeconds);
      if (!r.ok) {
        const hostReachable = r.timedOut ? null : await canResolve(downloadHost());
        throw new StartError(downloadFailure({ version: versions.electronVersion, output: r.output, timedOut: r.timedOut, timeoutSeconds, hostReachable }));
      }
      electron = electronStatus({ electronDir, version: versions.electronVersion });
      if (!electron.present || !electron.path) {
        throw new StartError('Electron\'s installer finished but the Electron program is still missing; delete node_modules/electron, run npm install, then npm start again.');
      }
    } else if (step === 'check-sandbox') {
      const exe = /** @type {string} */ (electron.path);
      const problem = sandboxProblem({ platform: process.platform, exe, facts: readSandboxFacts(exe) });
      if (problem) throw new StartError(problem);
    } else if (step === 'build-app') {
      run(process.execPath, [path.join(projectDir, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], projectDir,
        'The app could not be built (the errors are above); run npm install again, and if that does not help, report the errors above.');
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
      // A StartError is already the sentence to show; anything else is unexpected, but still no stack trace.
      const text = e instanceof StartError ? e.message : `Casewright could not start (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); run npm install and npm start again, and report this message if it happens again.`;
      console.error(`\n${text}`);
      process.exit(1);
    },
  );
}
