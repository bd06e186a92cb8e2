import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CIPHER_SETTINGS } from '../../../main/services/store/caseStore';

// scripts/after-pack.mjs is plain Node ESM (electron-builder loads it), so it is imported through a URL and typed here.
type Result = { ok: true } | { ok: false; message: string };
interface AfterPackModule {
  MODULE: string;
  CIPHER: { cipher: string; legacy: number; kdfIter: number };
  canCheckHere(target: { electronPlatformName: string; arch: number }, host?: { platform: string; arch: string }): { ok: true } | { ok: false; reason: string };
  resourcesDirOf(appOutDir: string, platform: string, productFilename: string): string;
  extractModule(resourcesDir: string, dest: string): string;
  checkStoreWith(moduleDir: string): Result;
  checkEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  checkPackagedApp(resourcesDir: string): Result;
  default(context: { appOutDir: string; electronPlatformName: string; arch: number; packager: { appInfo: { productFilename: string } } }): Promise<void>;
}
const afterPack = (await import(/* @vite-ignore */ new URL('../../../scripts/after-pack.mjs', import.meta.url).href)) as AfterPackModule;

const asar = createRequire(import.meta.url)('@electron/asar') as { createPackageWithOptions(src: string, dest: string, o: { unpack?: string }): Promise<void> };
const ROOT = path.resolve(import.meta.dirname, '../../..');
const REAL_MODULE = path.join(ROOT, 'node_modules', 'better-sqlite3-multiple-ciphers');
const ARCH = { ia32: 0, x64: 1, armv7l: 2, arm64: 3 } as Record<string, number>;

let base: string;

/**
 * A packaged app's resources folder as electron-builder lays it out: app.asar holding out/ and the module's
 * JavaScript, and app.asar.unpacked holding its .node files. `withModule` false leaves the module out.
 */
async function fakeResources(name: string, o: { withModule?: boolean; breakNode?: boolean } = {}): Promise<string> {
  const app = path.join(base, name, 'app');
  fs.mkdirSync(path.join(app, 'out', 'main'), { recursive: true });
  fs.writeFileSync(path.join(app, 'out', 'main', 'index.js'), 'export {};');
  fs.writeFileSync(path.join(app, 'package.json'), '{"name":"casewright","main":"out/main/index.js"}');
  if (o.withModule !== false) {
    const mod = path.join(app, 'node_modules', afterPack.MODULE);
    fs.cpSync(path.join(REAL_MODULE, 'lib'), path.join(mod, 'lib'), { recursive: true });
    fs.copyFileSync(path.join(REAL_MODULE, 'package.json'), path.join(mod, 'package.json'));
    fs.mkdirSync(path.join(mod, 'prebuilds'));
    for (const f of fs.readdirSync(path.join(REAL_MODULE, 'prebuilds')).filter((f) => f.startsWith(`${process.platform}`) || f.startsWith('linuxmusl'))) {
      const target = path.join(mod, 'prebuilds', f);
      if (o.breakNode) fs.writeFileSync(target, 'not a shared library');
      else fs.copyFileSync(path.join(REAL_MODULE, 'prebuilds', f), target);
    }
  }
  const resources = path.join(base, name, 'resources');
  fs.mkdirSync(resources, { recursive: true });
  await asar.createPackageWithOptions(app, path.join(resources, 'app.asar'), { unpack: '*.node' });
  return resources;
}

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-afterpack-test-'));
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe('the afterPack check of the packaged database module', () => {
  it('passes for a package holding the real module: creates, reopens and refuses a wrong key', async () => {
    const resources = await fakeResources('good');
    expect(fs.existsSync(path.join(resources, 'app.asar.unpacked', 'node_modules', afterPack.MODULE, 'prebuilds'))).toBe(true);
    expect(afterPack.checkPackagedApp(resources)).toEqual({ ok: true });
  });

  it('takes the module out of the archive, .node from app.asar.unpacked included', async () => {
    const resources = await fakeResources('extract');
    const dest = fs.mkdtempSync(path.join(base, 'dest-'));
    const dir = afterPack.extractModule(resources, dest);
    expect(fs.existsSync(path.join(dir, 'lib', 'index.js'))).toBe(true);
    const node = fs.readdirSync(path.join(dir, 'prebuilds')).find((f) => f.startsWith(process.platform))!;
    expect(fs.readFileSync(path.join(dir, 'prebuilds', node)).equals(fs.readFileSync(path.join(REAL_MODULE, 'prebuilds', node)))).toBe(true);
  });

  it('stops the build with one sentence when the packaged .node cannot load', async () => {
    const r = afterPack.checkPackagedApp(await fakeResources('broken', { breakNode: true }));
    expect(r.ok).toBe(false);
    const message = (r as { message: string }).message;
    expect(message).toMatch(/^The packaged better-sqlite3-multiple-ciphers could not load the module \(.+\); the installer would not open case stores, so no installer was made\.$/);
    expect(message).not.toContain('\n');
  });

  it('stops the build when the module is not in the archive (left out of "dependencies")', async () => {
    const r = afterPack.checkPackagedApp(await fakeResources('missing', { withModule: false }));
    expect(r).toEqual({ ok: false, message: 'The packaged app could not be checked because app.asar has no node_modules/better-sqlite3-multiple-ciphers; it must be in "dependencies"; no installer was made.' });
  });

  it('fails a module that lets a wrong key in, or writes the store unencrypted', () => {
    // Stand-in "database modules" that ignore the key; one writes a plain SQLite header.
    const fake = (name: string, header: string) => {
      const dir = path.join(base, name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'index.js'),
        `const fs = require('fs');
         module.exports = class { constructor(f) { if (f !== ':memory:' && !fs.existsSync(f)) fs.writeFileSync(f, ${JSON.stringify(header)}); }
           pragma() {} key() {} exec() {} close() {}
           prepare(sql) { return { run: () => {}, get: () => (/count/.test(sql) ? { n: 0 } : { v: 'casewright' }) }; } };`,
      );
      return dir;
    };
    const tail = '; the installer would not open case stores, so no installer was made.';
    expect(afterPack.checkStoreWith(fake('lets-anyone-in', '{}'))).toEqual({ ok: false, message: `The packaged better-sqlite3-multiple-ciphers could not refuse a wrong key (a wrong key opened the store)${tail}` });
    expect(afterPack.checkStoreWith(fake('plain', 'SQLite format 3\0'))).toEqual({ ok: false, message: `The packaged better-sqlite3-multiple-ciphers could not see that the file is encrypted (the store was written unencrypted)${tail}` });
  });

  it('uses the app\'s own cipher settings, in a Node that loads nothing else first', () => {
    expect(afterPack.CIPHER).toEqual(CIPHER_SETTINGS);
    expect(afterPack.checkEnv({ PATH: '/bin', SystemRoot: 'C:\\Windows', NODE_OPTIONS: '--require x', NODE_PATH: '/x', ELECTRON_RUN_AS_NODE: '1' })).toEqual({ PATH: '/bin', SystemRoot: 'C:\\Windows' });
  });

  it('checks only builds this machine can load, and warns instead of passing silently otherwise', async () => {
    expect(afterPack.canCheckHere({ electronPlatformName: 'linux', arch: ARCH.x64! }, { platform: 'linux', arch: 'x64' })).toEqual({ ok: true });
    expect(afterPack.canCheckHere({ electronPlatformName: 'win32', arch: ARCH.x64! }, { platform: 'linux', arch: 'x64' })).toEqual({ ok: false, reason: 'this is a win32-x64 build and this machine is linux-x64' });
    expect(afterPack.canCheckHere({ electronPlatformName: 'linux', arch: ARCH.arm64! }, { platform: 'linux', arch: 'x64' }).ok).toBe(false);
    expect(afterPack.resourcesDirOf('/r/linux-unpacked', 'linux', 'Casewright')).toBe(path.join('/r/linux-unpacked', 'resources'));
    expect(afterPack.resourcesDirOf('/r/mac', 'darwin', 'Casewright')).toBe(path.join('/r/mac', 'Casewright.app', 'Contents', 'Resources'));
  });

  it('as the hook: throws the sentence for a broken package, passes a good one', async () => {
    const ctx = (dir: string) => ({ appOutDir: path.dirname(dir), electronPlatformName: process.platform, arch: ARCH[process.arch]!, packager: { appInfo: { productFilename: 'Casewright' } } });
    const good = await fakeResources('hook-good');
    const log = console.log;
    console.log = () => {};
    try {
      await expect(afterPack.default(ctx(good))).resolves.toBeUndefined();
    } finally {
      console.log = log;
    }
    await expect(afterPack.default(ctx(await fakeResources('hook-broken', { breakNode: true })))).rejects.toThrow(/could not load the module/);
  });
});
