import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

// The scripts are plain Node ESM (no TypeScript), so they are imported through a URL and typed here.
interface FileProbe {
  exists: (p: string) => boolean;
  readText: (p: string) => string | null;
}
type Step = { step: 'install-electron' | 'check-sandbox' | 'build-app' | 'launch'; message: string };
interface SandboxFacts {
  restrictUserns: string | null;
  profiles: string[];
  sandboxHelper: { uid: number; mode: number } | null;
}
interface StartModule {
  electronStatus(o: { electronDir: string; version: string; env?: NodeJS.ProcessEnv; files?: FileProbe }): { present: boolean; path: string | null; reason?: string };
  planStart(o: { electron: { present: boolean; reason?: string }; electronVersion: string; skipBuild?: boolean; platform?: NodeJS.Platform }): Step[];
  nodeVersionProblem(version: string): string | null;
  downloadFailure(o: { version: string; output: string; timedOut?: boolean; timeoutSeconds?: number; env?: NodeJS.ProcessEnv; hostReachable?: boolean | null }): string;
  downloadTimeoutSeconds(env: NodeJS.ProcessEnv): number;
  downloadHost(env: NodeJS.ProcessEnv): string;
  sandboxProblem(o: { platform: NodeJS.Platform; exe: string; facts: SandboxFacts }): string | null;
  apparmorProfile(exe: string): string;
  readVersions(projectDir: string): { electronVersion: string };
  launchEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
}

const startUrl = new URL('../../../scripts/start.mjs', import.meta.url).href;
const start = (await import(/* @vite-ignore */ startUrl)) as StartModule;

function files(map: Record<string, string>): FileProbe {
  return { exists: (p) => Object.hasOwn(map, p), readText: (p) => map[p] ?? null };
}

const E = path.join('/proj', 'node_modules', 'electron');

describe('electronStatus', () => {
  it('is missing before the first download (no path.txt)', () => {
    expect(start.electronStatus({ electronDir: E, version: '45.5.0', env: {}, files: files({}) })).toMatchObject({ present: false, path: null });
  });

  it('is missing when path.txt points at a binary that is not there', () => {
    const r = start.electronStatus({ electronDir: E, version: '45.5.0', env: {}, files: files({ [path.join(E, 'path.txt')]: 'electron' }) });
    expect(r).toMatchObject({ present: false, path: path.join(E, 'dist', 'electron') });
  });

  it('is present when the binary exists at the installed version', () => {
    const f = files({ [path.join(E, 'path.txt')]: 'electron', [path.join(E, 'dist', 'electron')]: '', [path.join(E, 'dist', 'version')]: 'v45.5.0' });
    expect(start.electronStatus({ electronDir: E, version: '45.5.0', env: {}, files: f })).toEqual({ present: true, path: path.join(E, 'dist', 'electron') });
  });

  it('wants a new download when the binary is from another Electron version', () => {
    const f = files({ [path.join(E, 'path.txt')]: 'electron', [path.join(E, 'dist', 'electron')]: '', [path.join(E, 'dist', 'version')]: '44.0.0' });
    expect(start.electronStatus({ electronDir: E, version: '45.5.0', env: {}, files: f }).present).toBe(false);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like electron itself', () => {
    const f = files({ [path.join('/opt/electron', 'electron')]: '' });
    expect(start.electronStatus({ electronDir: E, version: '45.5.0', env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, files: f })).toEqual({ present: true, path: path.join('/opt/electron', 'electron') });
  });
});

describe('planStart', () => {
  const steps = (s: Step[]) => s.map((x) => x.step);

  it('first start: download Electron, build, launch (nothing is compiled)', () => {
    const plan = start.planStart({ electron: { present: false }, electronVersion: '45.5.0', platform: 'win32' });
    expect(steps(plan)).toEqual(['install-electron', 'build-app', 'launch']);
    expect(plan[0]?.message).toContain('Electron 45.5.0');
  });

  it('later starts: only build and launch', () => {
    expect(steps(start.planStart({ electron: { present: true }, electronVersion: '45.5.0', platform: 'darwin' }))).toEqual(['build-app', 'launch']);
    expect(steps(start.planStart({ electron: { present: true }, electronVersion: '45.5.0', skipBuild: true, platform: 'darwin' }))).toEqual(['launch']);
  });

  it('on Linux, checks the sandbox after the download and before the build', () => {
    expect(steps(start.planStart({ electron: { present: false }, electronVersion: '45.5.0', platform: 'linux' }))).toEqual(['install-electron', 'check-sandbox', 'build-app', 'launch']);
  });

  it('never launches Electron as plain Node', () => {
    const env = start.launchEnv({ ELECTRON_RUN_AS_NODE: '1', PATH: '/bin' });
    expect(env).toEqual({ PATH: '/bin' });
  });
});

describe('readVersions', () => {
  it('reads the installed Electron version from node_modules', () => {
    expect(start.readVersions(path.resolve(import.meta.dirname, '../../..')).electronVersion).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('nodeVersionProblem (scripts/check-node.cjs)', () => {
  it('refuses Node older than 22.12 with one sentence naming the fix', () => {
    for (const v of ['20.20.2', '22.11.0', '18.0.0', '16.20.2', 'v21.7.3']) {
      const m = start.nodeVersionProblem(v);
      expect(m).toMatch(/^Casewright needs Node 22\.12 or newer but this is Node .+; install Node 24 LTS .+ and run npm start again\.$/);
      expect(m).not.toContain('\n');
    }
  });

  it('accepts 22.12 and later', () => {
    for (const v of ['22.12.0', '22.20.1', '24.0.0', '24.21.0', '26.1.0']) expect(start.nodeVersionProblem(v)).toBeNull();
  });

  it('agrees with package.json engines', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };
    expect(pkg.engines.node).toBe('>=22.12');
    // npm start runs the CommonJS check on its own first, so it works even where start.mjs cannot load.
    expect(pkg.scripts.start).toBe('node scripts/check-node.cjs && node scripts/start.mjs');
  });

  it('is written so an old Node can load it (CommonJS, no modern syntax)', () => {
    const src = fs.readFileSync(path.join(ROOT, 'scripts', 'check-node.cjs'), 'utf8');
    const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(?:let|const|import|export|class|async|await)\b|=>|\?\.|\?\?|`/);
  });
});

describe('downloadFailure', () => {
  const fail = (o: Partial<Parameters<StartModule['downloadFailure']>[0]>) => start.downloadFailure({ version: '45.5.0', output: '', env: {}, ...o });
  const oneSentence = (m: string) => {
    expect(m).not.toContain('\n');
    expect(m).not.toMatch(/\bat .+:\d+:\d+/);
    expect(m.endsWith('run npm start again.')).toBe(true);
  };

  it('offline: names the host and every way round it (proxy, mirror)', () => {
    // What Electron's installer prints on this machine, which has no network.
    const m = fail({ output: 'TypeError: fetch failed\n', hostReachable: false });
    expect(m).toBe(
      'Electron 45.5.0 could not be downloaded because this computer cannot reach github.com; connect to the internet (behind a proxy, set HTTPS_PROXY and ELECTRON_GET_USE_PROXY=1; or set ELECTRON_MIRROR to a mirror your organisation allows) and run npm start again.',
    );
    oneSentence(m);
    expect(fail({ output: 'Error: getaddrinfo ENOTFOUND github.com' })).toContain('cannot reach github.com');
  });

  it('names the mirror host when ELECTRON_MIRROR is set', () => {
    expect(fail({ output: 'fetch failed', env: { ELECTRON_MIRROR: 'https://mirror.council.example/electron/' } })).toContain('cannot reach mirror.council.example');
    expect(start.downloadHost({})).toBe('github.com');
  });

  it('a proxy set without ELECTRON_GET_USE_PROXY: says to set it', () => {
    const m = fail({ output: 'fetch failed', env: { HTTPS_PROXY: 'http://proxy:8080' } });
    expect(m).toContain('ELECTRON_GET_USE_PROXY=1');
    expect(m).toContain('HTTPS_PROXY');
    oneSentence(m);
    expect(fail({ output: 'fetch failed', env: { HTTPS_PROXY: 'http://proxy:8080', ELECTRON_GET_USE_PROXY: '1' }, hostReachable: false })).toContain('cannot reach');
  });

  it('a mirror without this version', () => {
    const m = fail({ output: 'HTTPError: Response code 404 (Not Found)', env: { ELECTRON_MIRROR: 'https://m.example/' } });
    expect(m).toContain('ELECTRON_MIRROR (https://m.example/) does not have it');
    oneSentence(m);
  });

  it('timed out: says the download was stopped', () => {
    const m = fail({ timedOut: true, timeoutSeconds: 600 });
    expect(m).toContain('did not finish downloading within 10 minutes');
    expect(fail({ timedOut: true, timeoutSeconds: 5 })).toContain('within 5 seconds');
    oneSentence(m);
    expect(start.downloadTimeoutSeconds({ CASEWRIGHT_DOWNLOAD_TIMEOUT: '30' })).toBe(30);
    expect(start.downloadTimeoutSeconds({ CASEWRIGHT_DOWNLOAD_TIMEOUT: 'soon' })).toBe(600);
  });

  it('disk full, permissions, checksum and anything else: still one sentence', () => {
    expect(fail({ output: 'Error: ENOSPC: no space left on device' })).toContain('disk is full');
    expect(fail({ output: "Error: EACCES: permission denied, mkdir '/x'" })).toContain('not writable');
    expect(fail({ output: 'Error: Generated checksum for "electron.zip" did not match expected checksum.' })).toContain('checksum');
    const other = fail({ output: 'Error: something odd\n    at foo (/x/y.js:1:2)\n' });
    expect(other).toContain('(Error: something odd)');
    oneSentence(other);
  });
});

describe('sandboxProblem (Ubuntu 24.04+ AppArmor)', () => {
  const exe = '/home/alex/casewright/node_modules/electron/dist/electron';
  const restricted = { restrictUserns: '1\n', profiles: [], sandboxHelper: { uid: 1000, mode: 0o100755 } };

  it('gives the exact profile and commands when user namespaces are restricted and nothing allows this binary', () => {
    const m = start.sandboxProblem({ platform: 'linux', exe, facts: restricted });
    expect(m).not.toBeNull();
    const [sentence, ...rest] = m!.split('\n');
    expect(sentence).toMatch(/^This Linux .+AppArmor refuse Electron's sandbox.+no AppArmor profile for .+electron; allow this Electron once .+run npm start again:$/);
    const commands = rest.join('\n');
    expect(commands).toContain("sudo tee /etc/apparmor.d/casewright-electron > /dev/null <<'EOF'");
    expect(commands).toContain(start.apparmorProfile(exe));
    expect(commands).toContain('sudo apparmor_parser -r /etc/apparmor.d/casewright-electron');
    expect(start.apparmorProfile(exe)).toContain(`profile casewright-electron "${exe}" flags=(unconfined) {\n  userns,`);
  });

  it('is content when the restriction is off or absent, or on another OS', () => {
    expect(start.sandboxProblem({ platform: 'linux', exe, facts: { ...restricted, restrictUserns: '0\n' } })).toBeNull();
    expect(start.sandboxProblem({ platform: 'linux', exe, facts: { ...restricted, restrictUserns: null } })).toBeNull();
    expect(start.sandboxProblem({ platform: 'darwin', exe, facts: restricted })).toBeNull();
  });

  it('is content when a profile grants this binary userns, or chrome-sandbox is setuid root', () => {
    expect(start.sandboxProblem({ platform: 'linux', exe, facts: { ...restricted, profiles: [start.apparmorProfile(exe)] } })).toBeNull();
    // A profile for another program does not help.
    expect(start.sandboxProblem({ platform: 'linux', exe, facts: { ...restricted, profiles: [start.apparmorProfile('/opt/other/electron')] } })).not.toBeNull();
    expect(start.sandboxProblem({ platform: 'linux', exe, facts: { ...restricted, sandboxHelper: { uid: 0, mode: 0o104755 } } })).toBeNull();
    // Owned by root but not setuid: the kernel still refuses.
    expect(start.sandboxProblem({ platform: 'linux', exe, facts: { ...restricted, sandboxHelper: { uid: 0, mode: 0o100755 } } })).not.toBeNull();
  });
});

describe('node scripts/start.mjs on a machine that cannot download Electron', () => {
  it('prints one sentence and exits non-zero, without hanging', () => {
    // Electron's real downloader runs and fails for real, on any machine: ELECTRON_OVERRIDE_DIST_PATH names an
    // empty folder (so any installed Electron is not used), the cache is empty and the mirror's host cannot exist.
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-electron-cache-'));
    try {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, electron_config_cache: cache, ELECTRON_OVERRIDE_DIST_PATH: cache, ELECTRON_MIRROR: 'https://electron-mirror.invalid/', CASEWRIGHT_DOWNLOAD_TIMEOUT: '120' },
        timeout: 150_000,
      });
      expect(r.status).toBe(1);
      const lines = r.stderr.split('\n').filter((l) => l.trim().length > 0);
      expect(lines).toEqual([
        'Electron 45.5.0 could not be downloaded because this computer cannot reach electron-mirror.invalid; connect to the internet (behind a proxy, set HTTPS_PROXY and ELECTRON_GET_USE_PROXY=1; or set ELECTRON_MIRROR to a mirror your organisation allows) and run npm start again.',
      ]);
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
});
