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

/** 40 PDFs of 12 or 13 pages of report text in the embedded report font (PDFKit, as our renderer writes them). */
export async function sources(dir: string): Promise<number> {
  let total = 0;
  const fonts = reportFonts();
  for (let i = 0; i < 40; i++) {
    const n = i < 20 ? 12 : 13;
    total += n;
    const doc = new PDFDocumentKit({ size: 'A4', margin: 56, autoFirstPage: false });
    doc.registerFont('body', fonts.regular);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((r) => doc.on('end', () => r()));
    for (let p = 0; p < n; p++) {
      doc.addPage();
      doc.font('body').fontSize(12);
      for (let l = 0; l < 20; l++) doc.text(`Document ${i + 1}, page ${p + 1}, line ${l + 1}: Ms Ó Súilleabháin-Nowak met Social Worker 1 about family time.`);
    }
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
    const rounds = 3;
    const best = <T extends { ms: number }>(f: () => T): T => Array.from({ length: rounds }, f).sort((a, b) => a.ms - b.ms)[0]!;
    const q = best(() => qpdf(dir));
    const ours = best(() => run(dir, 'casewright'));
    const plain = best(() => run(dir, 'pdf-lib'));
    const cantoo = best(() => run(dir, 'cantoo'));
    const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
    const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
    return [
      '## Hearing pack (issue 16)',
      '',
      `${pages} pages from 40 PDFs (PDFKit, embedded report font; ${mb(fs.readdirSync(dir).filter((f) => f.startsWith('src-')).reduce((t, f) => t + fs.statSync(path.join(dir, f)).size, 0))} in all). Best of ${rounds} runs each, every run in its own process (peak memory is that process's maximum resident set, Node and tsx included).`,
      '',
      '| What | Time | Peak memory | Output |',
      '|---|---:|---:|---:|',
      `| \`qpdf --empty --pages … --\` (merge only) | ${s(q.ms)} | – | ${mb(q.bytes)} |`,
      `| Casewright build: index, links, bookmarks, labels, stamped numbers, manifest (pdf-lib) | ${s(ours.ms)} | ${ours.peakMiB.toFixed(0)} MiB | ${mb(ours.bytes)} |`,
      `| pdf-lib 1.17.1, copy pages and save only | ${s(plain.ms)} | ${plain.peakMiB.toFixed(0)} MiB | ${mb(plain.bytes)} |`,
      `| @cantoo/pdf-lib 2.11.1, copy pages and save only | ${s(cantoo.ms)} | ${cantoo.peakMiB.toFixed(0)} MiB | ${mb(cantoo.bytes)} |`,
      '',
      `Our build takes ${(ours.ms / q.ms).toFixed(1)}× qpdf's merge (goal: within 3×); peak memory ${ours.peakMiB.toFixed(0)} MiB (goal: under 500 MB). pdf-lib copies in ${(plain.ms / q.ms).toFixed(1)}×, @cantoo/pdf-lib in ${(cantoo.ms / q.ms).toFixed(1)}×. ${ours.pages} pages out.`,
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
