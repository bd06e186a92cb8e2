import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

type Target = { ok: true; kind: 'development' | 'packaged'; executablePath: string; args: string[] } | { ok: false; reason: string };
interface Runner {
  NOT_RUN: number;
  packagedProgram(dir: string, platform: NodeJS.Platform): string;
  smokeTarget(o: { env: NodeJS.ProcessEnv; projectDir: string; platform: NodeJS.Platform; exists: (p: string) => boolean; isDirectory: (p: string) => boolean; electron: { present: boolean; path: string | null; reason?: string }; electronVersion: string }): Target;
  notRunMessage(reason: string): string;
  inspectFuseProblem(wire: Record<number, number>, program: string): string | null;
}
const runner = (await import(/* @vite-ignore */ new URL('../../../scripts/test-electron.mjs', import.meta.url).href)) as Runner;
const smoke = (await import(/* @vite-ignore */ new URL('../../../scripts/dist-smoke.mjs', import.meta.url).href)) as { smokeConfig(c: Record<string, unknown>): Record<string, unknown> };

const P = path.resolve('/proj');
const base = { env: {}, projectDir: P, platform: 'linux' as const, exists: () => false, isDirectory: () => false, electronVersion: '45.5.0' };

describe('npm run test:electron: what it drives, and saying when it cannot', () => {
  it('without Electron: does not run, says why in one line, and exits 2 (never a pass)', () => {
    const t = runner.smokeTarget({ ...base, electron: { present: false, path: null, reason: 'Electron has not been downloaded yet' } });
    expect(t).toEqual({ ok: false, reason: 'Electron 45.5.0 is not downloaded on this machine (Electron has not been downloaded yet); run npm start once with internet access (it downloads Electron), or set CASEWRIGHT_ELECTRON_APP to a packaged build' });
    const line = runner.notRunMessage((t as { reason: string }).reason);
    expect(line).toMatch(/^The Electron smoke test did NOT run \(this is not a pass\): .+, then run npm run test:electron again\.$/);
    expect(line).not.toContain('\n');
    expect(runner.NOT_RUN).toBe(2);
  });

  it('with Electron: the development build on the project folder', () => {
    expect(runner.smokeTarget({ ...base, electron: { present: true, path: '/proj/node_modules/electron/dist/electron' } })).toEqual({ ok: true, kind: 'development', executablePath: '/proj/node_modules/electron/dist/electron', args: [P] });
  });

  it('CASEWRIGHT_ELECTRON_APP: a packaged folder (its program found per platform) or the program itself', () => {
    const dir = path.join(P, 'release-smoke', 'linux-unpacked');
    const program = path.join(dir, 'casewright');
    const t = runner.smokeTarget({ ...base, env: { CASEWRIGHT_ELECTRON_APP: 'release-smoke/linux-unpacked' }, exists: (p) => p === program, isDirectory: (p) => p === dir, electron: { present: false, path: null } });
    expect(t).toEqual({ ok: true, kind: 'packaged', executablePath: program, args: [] });
    expect(runner.smokeTarget({ ...base, env: { CASEWRIGHT_ELECTRON_APP: program }, exists: (p) => p === program, electron: { present: false, path: null } })).toMatchObject({ ok: true, executablePath: program });
    expect(runner.smokeTarget({ ...base, env: { CASEWRIGHT_ELECTRON_APP: 'nowhere' }, electron: { present: true, path: '/e' } })).toMatchObject({ ok: false, reason: expect.stringContaining('run npm run dist:smoke') });
    expect(runner.packagedProgram('/r/win-unpacked', 'win32')).toBe(path.join('/r/win-unpacked', 'Casewright.exe'));
    expect(runner.packagedProgram('/r/mac', 'darwin')).toBe(path.join('/r/mac', 'Casewright.app', 'Contents', 'MacOS', 'Casewright'));
  });

  it('refuses an installer build (inspect fuse off) with a line naming the smoke build, rather than timing out', async () => {
    const req = createRequire(import.meta.url);
    const { FuseV1Options } = req('@electron/fuses') as { FuseV1Options: Record<string, number> };
    const { FuseState } = req('@electron/fuses/dist/constants') as { FuseState: Record<string, number> };
    const inspect = FuseV1Options.EnableNodeCliInspectArguments!;
    expect(runner.inspectFuseProblem({ [inspect]: FuseState.DISABLE! }, '/r/linux-unpacked/casewright')).toBe(
      '/r/linux-unpacked/casewright is an installer build, whose inspect fuse is off, so Playwright cannot drive it; make a smoke-test build with npm run dist:smoke and point CASEWRIGHT_ELECTRON_APP at release-smoke/',
    );
    expect(runner.inspectFuseProblem({ [inspect]: FuseState.ENABLE! }, '/x')).toBeNull();
    expect(runner.inspectFuseProblem({ [inspect]: FuseState.INHERIT! }, '/x')).toBeNull();
  });

  it('the smoke build is the installer configuration with only the inspect fuse on, in release-smoke/', () => {
    const installer = { appId: 'uk.casewright.app', afterPack: './scripts/after-pack.mjs', directories: { output: 'release', buildResources: 'resources' }, electronFuses: { runAsNode: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true } };
    expect(smoke.smokeConfig(installer)).toEqual({
      appId: 'uk.casewright.app',
      afterPack: './scripts/after-pack.mjs',
      directories: { output: 'release-smoke', buildResources: 'resources' },
      electronFuses: { runAsNode: false, enableNodeCliInspectArguments: true, onlyLoadAppFromAsar: true },
    });
  });
});
