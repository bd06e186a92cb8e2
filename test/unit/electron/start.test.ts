import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The scripts are plain Node ESM (no TypeScript), so they are imported through a URL and typed here.
interface FileProbe {
  exists: (p: string) => boolean;
  readText: (p: string) => string | null;
}
type Step = { step: 'install-electron' | 'build-app' | 'launch'; message: string };
interface StartModule {
  electronStatus(o: { electronDir: string; version: string; env?: NodeJS.ProcessEnv; files?: FileProbe }): { present: boolean; path: string | null; reason?: string };
  planStart(o: { electron: { present: boolean; reason?: string }; electronVersion: string; skipBuild?: boolean }): Step[];
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
    const plan = start.planStart({ electron: { present: false }, electronVersion: '45.5.0' });
    expect(steps(plan)).toEqual(['install-electron', 'build-app', 'launch']);
    expect(plan[0]?.message).toContain('Electron 45.5.0');
  });

  it('later starts: only build and launch', () => {
    expect(steps(start.planStart({ electron: { present: true }, electronVersion: '45.5.0' }))).toEqual(['build-app', 'launch']);
    expect(steps(start.planStart({ electron: { present: true }, electronVersion: '45.5.0', skipBuild: true }))).toEqual(['launch']);
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
