import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocumentKit from 'pdfkit';
import { reportFonts } from '../main/services/documents/fonts';

/**
 * The hearing pack (issue 16): 500 pages from 40 PDFs, built with index, links, bookmarks and stamped labels,
 * against `qpdf --empty --pages … --` merely merging the same files, in the same run; and pdf-lib against
 * @cantoo/pdf-lib copying the same pages. Each measurement runs in its own process (bench/bundleOne.ts).
 */
const here = path.dirname(fileURLToPath(import.meta.url));

/** 40 PDFs of 12 or 13 pages of report text in the embedded report font, tagged (PDFKit, as our renderer writes them). */
export async function sources(dir: string): Promise<number> {
  let total = 0;
  const fonts = reportFonts();
  for (let i = 0; i < 40; i++) {
    const n = i < 20 ? 12 : 13;
    total += n;
    // Tagged as our renderer tags them (a structure tree, a P per line), so the pack copies their structure too.
    const doc = new PDFDocumentKit({ size: 'A4', margin: 56, autoFirstPage: false, tagged: true });
    const root = doc.struct('Document');
    doc.addStructure(root);
    doc.registerFont('body', fonts.regular);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((r) => doc.on('end', () => r()));
    for (let p = 0; p < n; p++) {
      doc.addPage();
      doc.font('body').fontSize(12);
      for (let l = 0; l < 20; l++) {
        const el = doc.struct('P', {}, () => doc.text(`Document ${i + 1}, page ${p + 1}, line ${l + 1}: Ms Ó Súilleabháin-Nowak met Social Worker 1 about family time.`));
        root.add(el);
        el.end();
      }
    }
    root.end();
    doc.end();
    await done;
    fs.writeFileSync(path.join(dir, `src-${String(i + 1).padStart(2, '0')}.pdf`), Buffer.concat(chunks));
  }
  return total;
}

function run(dir: string, mode: string): { ms: number; peakMiB: number; pages: number; bytes: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'bundleOne.ts'), dir, mode], { encoding: 'utf8', cwd: path.join(here, '..') });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; peakMiB: number; pages: number; bytes: number };
}

function qpdf(dir: string): { ms: number; bytes: number } {
  const files = fs.readdirSync(dir).filter((f) => /^src-\d+\.pdf$/.test(f)).sort().map((f) => path.join(dir, f));
  const out = path.join(dir, 'out-qpdf.pdf');
  const s = performance.now();
  execFileSync('qpdf', ['--empty', '--pages', ...files, '--', out]);
  return { ms: performance.now() - s, bytes: fs.statSync(out).size };
}

export async function benchBundle(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casewright-bench-pack-'));
  try {
    const pages = await sources(dir);
    // qpdf's time is tiny and the machine is shared: several rounds, each running every measurement once in
    // turn (so a busy moment hits all of them alike), and the median of each.
    const rounds = 7;
    const samples = { q: [] as { ms: number; bytes: number }[], ours: [] as ReturnType<typeof run>[], warm: [] as ReturnType<typeof run>[], plain: [] as ReturnType<typeof run>[], cantoo: [] as ReturnType<typeof run>[], ratio: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      const q = qpdf(dir);
      const o = run(dir, 'casewright');
      samples.q.push(q);
      samples.ours.push(o);
      samples.ratio.push(o.ms / q.ms);
      samples.warm.push(run(dir, 'casewright-warm'));
      samples.plain.push(run(dir, 'pdf-lib'));
      samples.cantoo.push(run(dir, 'cantoo'));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const mid = <T extends { ms: number }>(xs: T[]): T => [...xs].sort((a, b) => a.ms - b.ms)[Math.floor(xs.length / 2)]!;
    const [q, ours, warm, plain, cantoo] = [mid(samples.q), mid(samples.ours), mid(samples.warm), mid(samples.plain), mid(samples.cantoo)];
    const peak = Math.max(...samples.ours.map((o) => o.peakMiB), ...samples.warm.map((o) => o.peakMiB));
    const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
    const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
    const range = (xs: { ms: number }[]) => `${s(Math.min(...xs.map((x) => x.ms)))}–${s(Math.max(...xs.map((x) => x.ms)))}`;
    return [
      '## Hearing pack (issue 16)',
      '',
      `${pages} pages from 40 tagged PDFs (PDFKit, embedded report font, a structure element per line as our renderer writes them; ${mb(fs.readdirSync(dir).filter((f) => f.startsWith('src-')).reduce((t, f) => t + fs.statSync(path.join(dir, f)).size, 0))} in all). Median of ${rounds} rounds, each round running every line once in turn; every run in its own process (peak memory is that process's high-water mark, Node and tsx included). Load average when measured: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores.`,
      '',
      '| What | Median time | Range | Peak memory | Output |',
      '|---|---:|---:|---:|---:|',
      `| \`qpdf --empty --pages … --\` (merge only, structure trees dropped) | ${s(q.ms)} | ${range(samples.q)} | – | ${mb(q.bytes)} |`,
      `| Casewright build, fresh process: index, links, bookmarks, labels, stamped numbers, structure tree, manifest | ${s(ours.ms)} | ${range(samples.ours)} | ${ours.peakMiB.toFixed(0)} MiB | ${mb(ours.bytes)} |`,
      `| Casewright build, second in the same process (as in the app) | ${s(warm.ms)} | ${range(samples.warm)} | ${warm.peakMiB.toFixed(0)} MiB | ${mb(warm.bytes)} |`,
      `| pdf-lib 1.17.1, copy pages and save only | ${s(plain.ms)} | ${range(samples.plain)} | ${plain.peakMiB.toFixed(0)} MiB | ${mb(plain.bytes)} |`,
      `| @cantoo/pdf-lib 2.11.1, copy pages and save only | ${s(cantoo.ms)} | ${range(samples.cantoo)} | ${cantoo.peakMiB.toFixed(0)} MiB | ${mb(cantoo.bytes)} |`,
      '',
      `Our build takes ${(ours.ms / q.ms).toFixed(1)}× qpdf's merge in a fresh process (median of the rounds' own ratios: ${median(samples.ratio).toFixed(1)}×), ${(warm.ms / q.ms).toFixed(1)}× when warm (goal: within 3×); peak memory at most ${peak.toFixed(0)} MiB over all runs (goal: under 500 MB). pdf-lib copies in ${(plain.ms / q.ms).toFixed(1)}×, @cantoo/pdf-lib in ${(cantoo.ms / q.ms).toFixed(1)}×. ${ours.pages} pages out.`,
      '',
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// `tsx bench/bundle.ts`: this benchmark alone, its section of docs/benchmarks.md replaced.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const lines = await benchBundle();
  console.log(lines.join('\n'));
  const file = path.join(here, '../docs/benchmarks.md');
  const doc = fs.readFileSync(file, 'utf8');
  const section = lines.join('\n');
  const at = doc.indexOf('## Hearing pack (issue 16)');
  const next = at < 0 ? -1 : doc.indexOf('\n## ', at + 5);
  fs.writeFileSync(file, at < 0 ? `${doc.trimEnd()}\n\n${section}` : `${doc.slice(0, at)}${section}${next < 0 ? '' : doc.slice(next)}`);
}
