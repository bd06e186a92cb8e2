import fs from 'node:fs';
import path from 'node:path';

/**
 * One measurement of the hearing-pack benchmark in a fresh process, so its peak memory is its own:
 *   tsx bench/bundleOne.ts DIR casewright|casewright-warm|pdf-lib|cantoo
 * casewright: the full build (index, links, bookmarks, labels, stamped numbers, structure tree, manifest) in a fresh
 * process; casewright-warm: the second build in one process (as in the app, which stays open);
 * pdf-lib / cantoo: only copying every page into one file and saving it, with each library.
 * Prints {ms, peakMiB, pages, bytes} as JSON.
 */
const [dir, mode] = process.argv.slice(2) as [string, string];
const files = fs.readdirSync(dir).filter((f) => /^src-\d+\.pdf$/.test(f)).sort();
const out = path.join(dir, `out-${mode}.pdf`);
// Code is loaded before the clock starts: the figures are the work, not tsx compiling TypeScript.
const { buildPack } = await import('../main/services/bundle/build');
const { emptyPack } = await import('../shared/bundle/model');
const { PDFDocument } = await import('pdf-lib');
const lib = (mode === 'cantoo' ? await import('@cantoo/pdf-lib') : await import('pdf-lib')) as unknown as typeof import('pdf-lib');
// The pack record holds each entry's page count (found when it was added), so counting is not part of a build.
const counts = await Promise.all(files.map(async (f) => (await PDFDocument.load(fs.readFileSync(path.join(dir, f)))).getPageCount()));
let start = performance.now();
let pages: number;
if (mode === 'casewright' || mode === 'casewright-warm') {
  const data = files.map((f) => fs.readFileSync(path.join(dir, f)));
  const pack = { ...emptyPack(), entries: files.map((f, i) => ({ id: `d${i + 1}`, sectionId: ['A', 'B', 'C', 'D'][Math.floor((i * 4) / files.length)]!, title: `Document ${i + 1}: ${f}`, date: '2026-03-01', source: { type: 'file' as const, attachmentId: f }, pages: counts[i]!, after: null, addedAt: '', notes: [], turns: [] })) };
  const once = () => buildPack({ pack, recipient: 'panel', reference: 'BENCH-0001', builtOn: '2026-11-28', out, source: async (e) => ({ name: e.title, describe: e.title, data: data[Number(e.id.slice(1)) - 1]!, redact: [] }) });
  // warm: the app's case, a second build in the same process (fonts parsed, code compiled); only it is timed.
  if (mode === 'casewright-warm') {
    await once();
    start = performance.now();
  }
  pages = (await once()).pages;
} else {
  // Each library parsed and written without its timer pauses (as our build does), so only the work is compared.
  const doc = await lib.PDFDocument.create();
  for (const f of files) {
    const src = await lib.PDFDocument.load(fs.readFileSync(path.join(dir, f)), { parseSpeed: Number.POSITIVE_INFINITY });
    for (const p of await doc.copyPages(src, src.getPageIndices())) doc.addPage(p);
  }
  pages = doc.getPageCount();
  fs.writeFileSync(out, await doc.save({ objectsPerTick: Number.POSITIVE_INFINITY }));
}
const ms = performance.now() - start;
/**
 * This process's own resident high-water mark: VmHWM on Linux. Not `resourceUsage().maxRSS` alone, which Linux
 * carries over from the parent across fork and exec (inside `npm run bench`, whose process has grown large by
 * then, every run reported the parent's size).
 */
function peakMiB(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // Not Linux: maxRSS below.
  }
  return process.resourceUsage().maxRSS / 1024;
}
console.log(JSON.stringify({ ms, peakMiB: peakMiB(), pages, bytes: fs.statSync(out).size }));
