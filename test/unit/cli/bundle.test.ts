import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { undatedParts } from '../../helpers/documents';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';

/**
 * `npm run cli` runs the bundled command line (scripts/cli.mjs → out/cli/index.js), built on demand by esbuild.
 * These tests run it as a real process, as a person would, and check that a trivial command loads none of the
 * heavy modules (they are imported inside the handlers that use them).
 */
const root = path.resolve(__dirname, '../../..');
const out = path.join(root, 'out', 'cli');
const env = { ...process.env, CASEWRIGHT_PASSPHRASE: GOOD_PASSPHRASE, CASEWRIGHT_USER: "Zoë O'Brien-Łukasiewicz", CASEWRIGHT_TODAY: '2026-11-25' };
const run = (args: string[]) => spawnSync(process.execPath, ['scripts/cli.mjs', ...args], { cwd: root, encoding: 'utf8', env });

/** Every file a module imports statically, followed through the bundle's own chunks. */
function staticImports(file: string, seen = new Set<string>()): { files: Set<string>; packages: Set<string> } {
  const packages = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    const text = fs.readFileSync(f, 'utf8');
    // Static imports only: `import … from "x"` and `import "x"` at the start of a line (never `import("x")`).
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"/gms)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(f), spec));
      else packages.add(spec);
    }
  };
  visit(file);
  return { files: seen, packages };
}

describe('the bundled command line', () => {
  it('builds on demand and answers a clock question and a bad date as from source', () => {
    const r = run(['clock', 'add', '--from', '2023-01-03', '--days', '25']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('2023-02-07\n');
    expect(fs.existsSync(path.join(out, 'index.js'))).toBe(true);
    const bad = run(['clock', 'add', '--from', '2023-13-01', '--days', '3']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('--from 2023-13-01 is not a real date; write it as YYYY-MM-DD, for example 2024-03-07.\n');
  });

  it('loads no store, schema, renderer or parser module for a clock command', () => {
    run(['clock', 'count', '--from', '2023-01-03', '--to', '2023-02-07']);
    const { packages } = staticImports(path.join(out, 'index.js'));
    expect([...packages].filter((p) => !p.startsWith('node:'))).toEqual([]);
  });

  it('loads no renderer, PDF library or font for a store command that makes no document (issue 15)', () => {
    const dir = tempDir();
    const store = path.join(dir, 'cases.cwstore');
    expect(run(['store', 'init', '--demo', '--store', store]).status).toBe(0);
    // A hook that writes every module the process resolves, as the process runs it.
    const hook = path.join(dir, 'hook.mjs');
    const seen = path.join(dir, 'seen.txt');
    fs.writeFileSync(hook, `import { registerHooks } from 'node:module';\nimport fs from 'node:fs';\nregisterHooks({ resolve(s, c, next) { const r = next(s, c); fs.appendFileSync(${JSON.stringify(seen)}, r.url + '\\n'); return r; } });\n`);
    const list = spawnSync(process.execPath, ['--import', hook, path.join(out, 'index.js'), 'case', 'list', '--store', store], { cwd: root, encoding: 'utf8', env });
    expect(list.stdout).toMatch(/^DEMO-ST2-0001\t/);
    const loaded = fs.readFileSync(seen, 'utf8');
    expect(loaded).toContain('better-sqlite3-multiple-ciphers');
    expect(loaded.split('\n').filter((u) => /node_modules\/(pdfkit|fontkit|pdf-lib|@pdf-lib|pdfjs-dist|@napi-rs)\//.test(u))).toEqual([]);
  });

  it('opens a store, lists its cases and writes a PDF through the lazily loaded chunks', () => {
    const dir = tempDir();
    const store = path.join(dir, 'cases.cwstore');
    expect(run(['store', 'init', '--demo', '--store', store]).status).toBe(0);
    const list = run(['case', 'list', '--store', store]);
    expect(list.stdout).toMatch(/^DEMO-ST2-0001\tHarrowfield Borough Council \(demo\)\tKieran Nowak\tZoë Ó Súilleabháin-Nowak\n$/);
    const pdf = path.join(dir, 'report.pdf');
    const doc = run(['doc', 'export', '--case', 'demo-st2-0001', '--doc', 'investigation-report', '--format', 'pdf', '--out', pdf, '--store', store]);
    expect(doc.stderr).toBe('');
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('exports a whole response through the bundled render workers, the same files as on one thread (issue 15)', async () => {
    const dir = tempDir();
    const store = path.join(dir, 'cases.cwstore');
    expect(run(['store', 'init', '--demo', '--store', store]).status).toBe(0);
    const exportAll = (threads: string) => {
      const out = path.join(dir, `out-${threads}`);
      fs.mkdirSync(out);
      const r = spawnSync(process.execPath, ['scripts/cli.mjs', 'doc', 'export-all', '--case', 'DEMO-ST2-0001', '--out', out, '--store', store], { cwd: root, encoding: 'utf8', env: { ...env, CASEWRIGHT_RENDER_THREADS: threads } });
      expect(r.status, r.stderr).toBe(0);
      const folder = r.stdout.split('\n')[0]!;
      return new Map(fs.readdirSync(folder).map((f) => [f, fs.readFileSync(path.join(folder, f))]));
    };
    const pooled = exportAll('2');
    const single = exportAll('0');
    expect([...pooled.keys()].sort()).toEqual([...single.keys()].sort());
    expect([...pooled.keys()].filter((f) => f.endsWith('.pdf')).length).toBeGreaterThanOrEqual(7);
    // The same files but for the time of writing: the PDFs' dates and identifiers (fixed length, so the same
    // size), the Word files' dates (inside the zip, so compared part by part).
    for (const [f, data] of pooled) {
      if (f.endsWith('.pdf')) expect(data.length, f).toBe(single.get(f)!.length);
      else expect(await undatedParts(data), f).toBe(await undatedParts(single.get(f)!));
    }
  }, 120_000);

  it('builds every worker the code starts, in the command line and in the app', () => {
    const started = new Set<string>();
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/workerLocation\(import\.meta\.url, '(\w+)'\)/g)) started.add(m[1]!);
      }
    };
    walk(path.join(root, 'main'));
    expect([...started].sort()).toEqual(['extractWorker', 'renderWorker']);
    const cliBuild = fs.readFileSync(path.join(root, 'scripts', 'build-cli.mjs'), 'utf8');
    const appBuild = fs.readFileSync(path.join(root, 'electron.vite.config.ts'), 'utf8');
    run(['clock', 'add', '--from', '2023-01-03', '--days', '1']);
    for (const w of started) {
      expect(cliBuild).toContain(`${w}: 'main/services/`);
      expect(appBuild).toMatch(new RegExp(`${w}: resolve\\(__dirname, 'main/services/`));
      expect(fs.existsSync(path.join(out, `${w}.js`))).toBe(true);
    }
  });
});

