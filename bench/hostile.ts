import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { docxBomb, elfExecutable, flateBombPdf, manyPagesPdf, svgAsGif } from '../test/fixtures/hostileFiles';

/**
 * Issue 9's hostile files through the handler table, each in a fresh process (so peak memory is that file's):
 * wall time, peak resident memory, the longest the main thread was blocked, what the user is told and how big
 * the store grew. A run that passes the time limit is stopped and reported as such.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const LIMIT_MS = Number(process.env.BENCH_HOSTILE_LIMIT_MS ?? 120_000);

export interface HostileRow {
  name: string;
  ms: number;
  peakRssMb: number;
  blockedMs: number;
  outcome: string;
  storeMb: number;
}

export async function benchHostile(root = path.resolve(here, '..')): Promise<{ lines: string[]; rows: HostileRow[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casewright-hostile-'));
  const files: { name: string; file: string; mode: 'attach' | 'import'; make: () => Promise<Buffer> | Buffer }[] = [
    { name: 'Word zip bomb attached (.docx, 400 MB inflated)', file: 'bomb.docx', mode: 'attach', make: () => docxBomb(400) },
    { name: 'Word zip bomb as interview notes', file: 'bomb.docx', mode: 'import', make: () => docxBomb(400) },
    { name: 'PDF of 20,000 pages', file: 'pages.pdf', mode: 'attach', make: () => manyPagesPdf(20_000) },
    { name: 'PDF with a 300 MB flate stream', file: 'flate.pdf', mode: 'attach', make: () => flateBombPdf(300) },
    { name: 'ELF program named .txt', file: 'program.txt', mode: 'attach', make: () => elfExecutable() },
    { name: 'SVG named .gif', file: 'picture.gif', mode: 'attach', make: () => svgAsGif() },
  ];
  const rows: HostileRow[] = [];
  for (const f of files) {
    const file = path.join(dir, f.file);
    if (!fs.existsSync(file)) fs.writeFileSync(file, await f.make());
    const work = fs.mkdtempSync(path.join(dir, 'run-'));
    const size = fs.statSync(file).size;
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/hostileOne.ts'), file, f.mode, work], {
      cwd: root,
      encoding: 'utf8',
      timeout: LIMIT_MS,
      killSignal: 'SIGKILL',
      maxBuffer: 1 << 20,
    });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    let row: HostileRow;
    try {
      const j = JSON.parse(line) as { ms: number; peakRssMb: number; blockedMs: number; ok: boolean; message: string | null; storeMb: number; verified: boolean };
      row = { name: `${f.name}, ${(size / 1024).toFixed(0)} KB`, ms: j.ms, peakRssMb: j.peakRssMb, blockedMs: j.blockedMs, outcome: `${j.ok ? 'added' : 'refused'}${j.message ? `: “${j.message}”` : ''}${j.verified ? '' : ' (store did not verify!)'}`, storeMb: j.storeMb };
    } catch {
      row = { name: `${f.name}, ${(size / 1024).toFixed(0)} KB`, ms: performance.now() - t0, peakRssMb: NaN, blockedMs: NaN, outcome: r.signal ? `stopped after ${LIMIT_MS / 1000} s` : `crashed: ${(r.stderr || '').trim().split('\n').slice(-2).join(' ')}`, storeMb: NaN };
    }
    rows.push(row);
    console.error(JSON.stringify(row));
    fs.rmSync(work, { recursive: true, force: true });
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const fmt = (x: number | null, d = 0) => (x !== null && Number.isFinite(x) ? x.toFixed(d) : '–');
  const before = JSON.parse(fs.readFileSync(path.join(here, 'hostile-before.json'), 'utf8')) as { measuredAt: string; commit: string; rows: { name: string; ms: number; peakRssMb: number | null; storeMb: number | null; outcome: string }[] };
  const lines = [
    '## Hostile files (issue 9)',
    '',
    'Each file goes through the handler table (`attachments.add` or `import.docxToRich`) in a fresh process; peak',
    "memory is that process's resident set, main thread and extraction worker together; \"main thread blocked\" is",
    'the longest gap seen by a 20 ms timer on the main thread while the call ran.',
    '',
    '| File | Time | Peak memory | Main thread blocked | Store size | Outcome |',
    '|---|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.name} | ${fmt(r.ms / 1000, 1)} s | ${fmt(r.peakRssMb)} MB | ${fmt(r.blockedMs)} ms | ${fmt(r.storeMb, 1)} MB | ${r.outcome} |`),
    '',
    `Before the fix (commit ${before.commit}, measured ${before.measuredAt} with this harness, runs stopped at 150 s; \`bench/hostile-before.json\`):`,
    '',
    '| File | Time | Peak memory | Store size | Outcome |',
    '|---|---:|---:|---:|---|',
    ...before.rows.map((r) => `| ${r.name} | ${r.outcome.startsWith('stopped') ? '> 150' : fmt(r.ms / 1000, 1)} s | ${fmt(r.peakRssMb)} MB | ${fmt(r.storeMb, 1)} MB | ${r.outcome} |`),
    '',
  ];
  return { lines, rows };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  const { lines } = await benchHostile(root);
  console.log(lines.join('\n'));
}
