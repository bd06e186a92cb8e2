import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The scripts are plain Node ESM (no TypeScript), so they are imported through a URL and typed here.
interface FileProbe {
  exists: (p: string) => boolean;
  readText: (p: string) => string | null;
}
interface Stamp {
  electron: string;
  module: string;
  platform: string;
  arch: string;
}
type Step = { step: 'install-electron' | 'build-native' | 'build-app' | 'launch'; message: string };
interface StartModule {
  electronStatus(o: { electronDir: string; version: string; env?: NodeJS.ProcessEnv; files?: FileProbe }): { present: boolean; path: string | null; reason?: string };
  nativeStatus(o: { dir: string; expected: Stamp; files?: FileProbe }): { present: boolean; upToDate: boolean; binding: string };
  planStart(o: { electron: { present: boolean; reason?: string }; native: { present: boolean; upToDate: boolean }; electronVersion: string; skipBuild?: boolean }): Step[];
  launchEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
}
interface NativeModule {
  buildStamp(o: { electronVersion: string; moduleVersion: string; platform?: string; arch?: string }): Stamp;
  nativeDir(projectDir: string, electronVersion: string): string;
  parseArgs(argv: string[]): { electronVersion?: string; out?: string; runtime: string; nodedir?: string; distUrl: string };
  nodeGypArgs(o: { runtime: string; target: string; distUrl?: string; arch?: string; nodedir?: string }): string[];
  nodeGypEnv(env: NodeJS.ProcessEnv, o: { runtime: string; target: string; distUrl?: string }): NodeJS.ProcessEnv;
  nodeGypSearchPaths(o: { projectDir: string; env: NodeJS.ProcessEnv; execPath: string; platform?: string }): string[];
  findNodeGyp(searchPaths: string[], resolve: (request: string, paths: string[]) => string): { command: string; prefix: string[]; via: string };
  readVersions(projectDir: string): { electronVersion: string; moduleVersion: string; moduleDir: string };
}

const startUrl = new URL('../../../scripts/start.mjs', import.meta.url).href;
const nativeUrl = new URL('../../../scripts/build-native-electron.mjs', import.meta.url).href;
const start = (await import(/* @vite-ignore */ startUrl)) as StartModule;
const native = (await import(/* @vite-ignore */ nativeUrl)) as NativeModule;

function files(map: Record<string, string>): FileProbe {
  return { exists: (p) => Object.hasOwn(map, p), readText: (p) => map[p] ?? null };
}

const E = path.join('/proj', 'node_modules', 'electron');
const stamp = native.buildStamp({ electronVersion: '45.5.0', moduleVersion: '12.11.1', platform: 'linux', arch: 'x64' });
const nativeFolder = native.nativeDir('/proj', '45.5.0');

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

describe('nativeStatus', () => {
  const binding = path.join(nativeFolder, 'better_sqlite3.node');
  const stampFile = path.join(nativeFolder, 'build.json');

  it('is missing when no Electron build exists', () => {
    expect(start.nativeStatus({ dir: nativeFolder, expected: stamp, files: files({}) })).toEqual({ present: false, upToDate: false, binding });
  });

  it('is up to date when the stamp matches', () => {
    const f = files({ [binding]: '', [stampFile]: JSON.stringify({ ...stamp, runtime: 'electron', builtAt: 'x' }) });
    expect(start.nativeStatus({ dir: nativeFolder, expected: stamp, files: f })).toEqual({ present: true, upToDate: true, binding });
  });

  it('is stale after the module is upgraded, for a Node-runtime build, or with a missing or broken stamp', () => {
    const stale = [
      JSON.stringify({ ...stamp, module: 'better-sqlite3-multiple-ciphers@12.0.0', runtime: 'electron' }),
      JSON.stringify({ ...stamp, arch: 'arm64', runtime: 'electron' }),
      JSON.stringify({ ...stamp, runtime: 'node' }),
      '{not json',
    ];
    for (const text of stale) {
      expect(start.nativeStatus({ dir: nativeFolder, expected: stamp, files: files({ [binding]: '', [stampFile]: text }) })).toMatchObject({ present: true, upToDate: false });
    }
    expect(start.nativeStatus({ dir: nativeFolder, expected: stamp, files: files({ [binding]: '' }) }).upToDate).toBe(false);
  });
});

describe('planStart', () => {
  const steps = (s: Step[]) => s.map((x) => x.step);

  it('first start: download Electron, build the native module, build, launch', () => {
    const plan = start.planStart({ electron: { present: false }, native: { present: false, upToDate: false }, electronVersion: '45.5.0' });
    expect(steps(plan)).toEqual(['install-electron', 'build-native', 'build-app', 'launch']);
    expect(plan[0]?.message).toContain('Electron 45.5.0');
    expect(plan[1]?.message).toBe('First start: building the encrypted database module for Electron; this takes a few minutes once.');
  });

  it('later starts: only build and launch', () => {
    expect(steps(start.planStart({ electron: { present: true }, native: { present: true, upToDate: true }, electronVersion: '45.5.0' }))).toEqual(['build-app', 'launch']);
    expect(steps(start.planStart({ electron: { present: true }, native: { present: true, upToDate: true }, electronVersion: '45.5.0', skipBuild: true }))).toEqual(['launch']);
  });

  it('rebuilds the native module when it is stale, saying why', () => {
    const plan = start.planStart({ electron: { present: true }, native: { present: true, upToDate: false }, electronVersion: '45.5.0' });
    expect(steps(plan)).toEqual(['build-native', 'build-app', 'launch']);
    expect(plan[0]?.message).toMatch(/changed since the last build/);
  });

  it('never launches Electron as plain Node', () => {
    const env = start.launchEnv({ ELECTRON_RUN_AS_NODE: '1', PATH: '/bin' });
    expect(env).toEqual({ PATH: '/bin' });
  });
});

describe('build-native-electron helpers', () => {
  it('builds against Electron headers for the installed version', () => {
    expect(native.nodeGypArgs({ runtime: 'electron', target: '45.5.0', arch: 'x64' })).toEqual([
      'rebuild',
      '--release',
      '--arch=x64',
      '--runtime=electron',
      '--target=45.5.0',
      '--dist-url=https://electronjs.org/headers',
    ]);
  });

  it("drops npm config that would override node-gyp's command line", () => {
    const env = native.nodeGypEnv({ npm_config_target: '20.0.0', NPM_CONFIG_DISTURL: 'https://nodejs.org', npm_package_config_node_gyp_runtime: 'node', PATH: '/bin' }, { runtime: 'electron', target: '45.5.0' });
    expect(env).toEqual({ PATH: '/bin', npm_config_runtime: 'electron', npm_config_target: '45.5.0', npm_config_disturl: 'https://electronjs.org/headers' });
  });

  it("looks for node-gyp in the project first, then in npm's own copy, then falls back to npx", () => {
    const paths = native.nodeGypSearchPaths({ projectDir: '/proj', env: { npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' }, execPath: '/usr/bin/node', platform: 'linux' });
    expect(paths[0]).toBe('/proj');
    expect(paths).toContain(path.resolve('/usr/lib/node_modules/npm'));
    const found = native.findNodeGyp(paths, (req, [dir]) => {
      if (dir === path.resolve('/usr/lib/node_modules/npm')) return path.join(dir, 'node_modules', req);
      throw new Error('not found');
    });
    expect(found.prefix[0]).toBe(path.join('/usr/lib/node_modules/npm', 'node_modules', 'node-gyp/bin/node-gyp.js'));
    expect(found.command).toBe(process.execPath);
    const none = native.findNodeGyp(paths, () => {
      throw new Error('not found');
    });
    expect(none.prefix).toEqual(['--yes', 'node-gyp']);
  });

  it('parses its command line', () => {
    expect(native.parseArgs(['--electron-version', '45.5.0', '--out=/tmp/x'])).toMatchObject({ electronVersion: '45.5.0', out: '/tmp/x', runtime: 'electron', distUrl: 'https://electronjs.org/headers' });
    expect(() => native.parseArgs(['--electron-version'])).toThrow(/needs a value/);
    expect(() => native.parseArgs(['stray'])).toThrow(/Unknown argument/);
  });

  it('reads the installed Electron and module versions from node_modules', () => {
    const v = native.readVersions(path.resolve(import.meta.dirname, '../../..'));
    expect(v.electronVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(v.moduleVersion).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('nativeStatus on a real folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-native-status-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the files the build script writes', () => {
    fs.writeFileSync(path.join(dir, 'better_sqlite3.node'), '');
    fs.writeFileSync(path.join(dir, 'build.json'), JSON.stringify({ ...stamp, runtime: 'electron' }));
    expect(start.nativeStatus({ dir, expected: stamp })).toMatchObject({ present: true, upToDate: true });
  });
});
