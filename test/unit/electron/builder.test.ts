import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// js-yaml arrives with electron-builder (which reads this same file), so no dependency is added for the test.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

const root = path.resolve(import.meta.dirname, '../../..');
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('sets every fuse that hardens the packaged binary', () => {
    expect(config.electronFuses).toStrictEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages the built app into an asar and never rebuilds native modules (Node-API prebuilds serve Electron)', () => {
    expect(config.appId).toBe('uk.casewright.app');
    expect(config.productName).toBe('Casewright');
    expect(config.files).toEqual(['out/**', 'package.json', '!node_modules/better-sqlite3-multiple-ciphers/{deps,src,build}/**', '!node_modules/better-sqlite3-multiple-ciphers/binding.gyp']);
    expect(config.asar).toBe(true);
    // Nothing is compiled or rebuilt, so `npm run dist` never touches the development tree's node_modules.
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
    expect(config.directories).toMatchObject({ output: 'release' });
  });

  it('builds AppImage and deb on Linux, NSIS on Windows, dmg on macOS', () => {
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
  });

  it('matches the package.json the app starts from', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('checks the packaged database module after packing, with the hook script that exists', async () => {
    expect(config.afterPack).toBe('./scripts/after-pack.mjs');
    const hook = (await import(/* @vite-ignore */ new URL(`../../../${String(config.afterPack).slice(2)}`, import.meta.url).href)) as { default: unknown };
    expect(typeof hook.default).toBe('function');
  });

  it('signs only from environment variables: no certificate or Apple account in the file, and unsigned builds allowed', () => {
    expect(config.forceCodeSigning).toBe(false);
    const text = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    for (const key of ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword', 'appleId', 'appleIdPassword', 'teamId', 'identity']) {
      expect(text).not.toMatch(new RegExp(`^\\s*${key}\\s*:`, 'm'));
    }
    expect((config.mac as { hardenedRuntime: boolean }).hardenedRuntime).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toBe('node scripts/signing.mjs && electron-vite build && electron-builder --config electron-builder.yml');
  });
});

/** Bare package names imported by the TypeScript files under `dir` (node: built-ins and electron excluded). */
function importedPackages(dir: string): Set<string> {
  const found = new Set<string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^'.][^']*)'|import\('([^'.][^']*)'\)/g)) {
          const spec = m[1] ?? m[2]!;
          if (spec.startsWith('node:') || spec === 'electron') continue;
          found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
        }
      }
    }
  };
  walk(dir);
  return found;
}

describe('package.json dependencies (what goes into the installer)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const main = new Set([...importedPackages(path.join(root, 'main')), ...importedPackages(path.join(root, 'shared'))]);

  it('never let npm compile the database module: its prebuilt binaries serve Node and Electron (no compiler needed)', () => {
    // better-sqlite3-multiple-ciphers ships binding.gyp as well as prebuilds; npm's allowScripts policy would
    // otherwise run node-gyp, which fails on a laptop with no C++ tools (found by installing with no compiler).
    const allow = (pkg as unknown as { allowScripts: Record<string, boolean> }).allowScripts;
    expect(allow['better-sqlite3-multiple-ciphers']).toBe(false);
    expect(allow.electron).toBe(false); // downloaded on first start instead
  });

  it('are exactly the packages main (and the shared code it bundles) imports', () => {
    // electron-vite leaves every "dependencies" package outside main's bundle, so each must be shipped, and
    // anything else main imported would be missing from the installer.
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...main].sort());
    expect(main).toContain('better-sqlite3-multiple-ciphers');
    // main extracts the text of attached PDFs with pdf.js, so pdfjs-dist stays.
    expect(main).toContain('pdfjs-dist');
  });

  it('leave renderer-only packages to the renderer\'s bundle (devDependencies)', () => {
    const renderer = importedPackages(path.join(root, 'renderer'));
    for (const name of ['react', 'react-dom', 'react-hook-form', '@tiptap/react', '@tiptap/starter-kit', '@hookform/resolvers']) {
      expect(renderer).toContain(name);
      expect(pkg.dependencies).not.toHaveProperty(name);
      expect(pkg.devDependencies).toHaveProperty(name);
    }
    // pdf-lib stays: main builds hearing packs with it (jszip and docx are test-only since issue 15: main writes and reads Word files with node:zlib).
    for (const name of ['date-fns', '@tiptap/pm']) expect(pkg.dependencies).not.toHaveProperty(name);
    expect(pkg.dependencies).toHaveProperty('pdf-lib');
  });
});
