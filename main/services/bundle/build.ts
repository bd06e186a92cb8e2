import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import pdfLibFontkit from '@pdf-lib/fontkit';
import {
  PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFPage, PDFRef, PDFString, StandardFonts, TextRenderingMode,
  degrees, popGraphicsState, pushGraphicsState, rgb, setTextRenderingMode, type PDFFont,
} from 'pdf-lib';
import { layoutPack, pageRange, type Layout } from '../../../shared/bundle/layout';
import { RECIPIENT_LABELS, type BuildProgress, type Pack, type PackEntry, type Recipient, type RedactionLogEntry } from '../../../shared/bundle/model';
import { UserError } from '../errors';
import { keepCodePoints, reportFonts } from '../documents/fonts';
import { loadPdf } from './pdfFacts';
import { PackTags } from './tags';
import type { RedactRequest, RedactedPage } from './redact';
import { redactIsolated } from './redactIsolated';
import type { LeakRules } from './redactJobs';

export const ANNOTATIONS_REMOVED = 'comments, links and form entries';
export const ANNOTATIONS_REASON =
  'The complainant’s version carries no annotations from files Casewright did not make: their words are not on the page the leak check reads (print the file to PDF and add it again to keep form entries as page text)';

/**
 * Takes every annotation off a source page (how many there were), and the other words a page can carry that
 * nobody reads on it: its own XMP metadata, an application's private data, page actions and the thumbnail.
 */
function dropAnnotations(page: PDFPage): number {
  const annots = page.node.lookup(PDFName.of('Annots'));
  const n = annots instanceof PDFArray ? annots.size() : annots ? 1 : 0;
  for (const key of ['Annots', 'Metadata', 'PieceInfo', 'AA', 'Thumb']) page.node.delete(PDFName.of(key));
  return n;
}

/** One document's pages for one recipient. */
export interface SourceFile {
  name: string;
  /** What the manifest says the source is (never a file name, which may name someone). */
  describe: string;
  data: Uint8Array;
  /** Phrases to redact on every page, with the reason. */
  redact: RedactRequest[];
  /** Asked of evidence in the complainant's version: each page is checked for names that must not reach them. */
  leakCheck?: LeakRules;
}

export interface BuildInput {
  pack: Pack;
  recipient: Recipient;
  reference: string;
  builtOn: string;
  source: (e: PackEntry) => Promise<SourceFile>;
  /** Where to write the PDF (the manifest and log beside it); null: nothing is written, the bytes are returned. */
  out: string | null;
  /** Redactions made before the build (words taken out of titles), for the log. */
  titleLog?: RedactionLogEntry[];
  onProgress?: (p: BuildProgress) => void;
  signal?: AbortSignal;
}

export interface BuildOutput {
  pages: number;
  indexPages: number;
  manifest: Manifest;
  redactions: RedactionLogEntry[];
  manifestPath: string;
  redactionLogPath: string | null;
  /** The PDF, when built in memory (`out` null). */
  bytes?: Uint8Array;
}

export interface Manifest {
  pack: string;
  recipient: Recipient;
  builtOn: string;
  numbering: Pack['numbering'];
  indexPages: string[];
  documents: { entryId: string; title: string; section: string; position: number; first: string; last: string; pages: number; sourcePages: number; sha256: string; source: string }[];
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const FONT_SIZE = 12;
const LINE = 15;
const COLS = { title: MARGIN, date: 375, pages: 460 };

interface IndexLine {
  kind: 'section' | 'row';
  text: string[];
  date?: string;
  pages?: string;
  entryId?: string;
  height: number;
}

/** Text widths for laying out the index, the same metrics as the embedded font, measured without a PDF. */
export interface Measure {
  widthOfTextAtSize(text: string, size: number): number;
}
/**
 * The report fonts as pdf-lib's fontkit reads them, parsed once per process (not once per build), and laid out
 * by the character map alone: one glyph per character, its own advance, no kerning or ligatures. The pack's own
 * text (index, blank-page notes, invisible text of redacted pages) is plain Latin/Greek/Cyrillic, and
 * fontkit's full shaping (GSUB/GPOS read for every string) was most of the time a build spent on its own
 * pages (docs/benchmarks.md). The index is measured with the same advances it is drawn with.
 */
type FontkitFont = ReturnType<typeof pdfLibFontkit.create>;
const parsedFonts = new Map<Uint8Array, FontkitFont>();
function plainFont(bytes: Uint8Array): FontkitFont {
  let f = parsedFonts.get(bytes);
  if (!f) {
    // Glyphs keep the code points they are asked for with (documents/fonts.ts): the font is shared by every build
    // of the process, and a letter that was part of a composed letter in one build lost its text in the next.
    f = keepCodePoints(pdfLibFontkit.create(bytes));
    const font = f;
    const layout = (text: string) => ({ glyphs: font.glyphsForString(text), positions: [] });
    Object.defineProperty(font, 'layout', { value: layout });
    parsedFonts.set(bytes, font);
  }
  return f;
}
/** Handed to pdf-lib's registerFontkit: the parsed, plain-layout fonts above. */
export const plainFontkit = { create: (bytes: Uint8Array) => plainFont(bytes) } as unknown as typeof pdfLibFontkit;

let measurer: Measure | null = null;
function measureFont(): Measure {
  if (!measurer) {
    const f = plainFont(reportFonts().regular);
    const advance = new Map<number, number>();
    const of = (cp: number) => {
      let w = advance.get(cp);
      if (w === undefined) advance.set(cp, (w = f.glyphForCodePoint(cp).advanceWidth));
      return w;
    };
    measurer = {
      widthOfTextAtSize: (t, size) => {
        let sum = 0;
        for (const ch of t) sum += of(ch.codePointAt(0)!);
        return (sum * size) / f.unitsPerEm;
      },
    };
  }
  return measurer;
}

/** How many pages the index takes (its rows' heights do not depend on the page numbers). */
export function indexPageCount(pack: Pack): number {
  const first = layoutPack(pack, 1);
  return paginate(indexLines(pack, first, measureFont())).length;
}

function wrap(text: string, font: Measure, size: number, width: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const space = font.widthOfTextAtSize(' ', size);
  const lines: string[] = [];
  let cur = '';
  let curWidth = 0;
  // Each word measured once; a line's width is the sum of its words and spaces.
  for (const w of words) {
    const ww = font.widthOfTextAtSize(w, size);
    if (!cur || curWidth + space + ww <= width) {
      curWidth = cur ? curWidth + space + ww : ww;
      cur = cur ? `${cur} ${w}` : w;
    } else {
      lines.push(cur);
      cur = w;
      curWidth = ww;
    }
  }
  if (cur) lines.push(cur);
  // A single word wider than the column is cut, never left to run over the date.
  return lines.flatMap((l) => {
    if (font.widthOfTextAtSize(l, size) <= width) return [l];
    const parts: string[] = [];
    let p = '';
    for (const ch of l) {
      if (font.widthOfTextAtSize(p + ch, size) > width) {
        parts.push(p);
        p = ch;
      } else p += ch;
    }
    if (p) parts.push(p);
    return parts;
  });
}

function indexLines(pack: Pack, lay: Layout, font: Measure): IndexLine[] {
  const lines: IndexLine[] = [];
  for (const s of pack.sections) {
    const rows = lay.rows.get(s.id) ?? [];
    lines.push({ kind: 'section', text: [`${s.letter}  ${s.title}`], height: LINE * 1.6 });
    if (!rows.length) lines.push({ kind: 'row', text: ['(nothing in this section)'], height: LINE + 4 });
    for (const r of rows) {
      const t = wrap(`${r.late ? '(late) ' : ''}${r.title}`, font, FONT_SIZE, COLS.date - COLS.title - 10);
      lines.push({ kind: 'row', text: t, date: r.date ? ukDate(r.date) : '', pages: pageRange(r), entryId: r.entryId, height: t.length * LINE + 5 });
    }
  }
  return lines;
}

const HEADER_HEIGHT = 110;
function paginate(lines: IndexLine[]): IndexLine[][] {
  const pages: IndexLine[][] = [[]];
  let y = A4[1] - MARGIN - HEADER_HEIGHT;
  for (const l of lines) {
    if (y - l.height < MARGIN + 30) {
      pages.push([]);
      y = A4[1] - MARGIN - 40;
    }
    pages.at(-1)!.push(l);
    y -= l.height;
  }
  return pages;
}

export const ukDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m! - 1]} ${y}`;
};

/**
 * Stamps the page number at the foot of the page as it is read, whatever the page's rotation, in a small
 * white box. Written as two tiny uncompressed content streams around the page's own (a shared "q" before it, the
 * stamp after a "Q"), so the page's content is untouched and whatever state it leaves cannot move the stamp.
 * The stamp is a pagination artifact (not read out as content). With `wrap`, the page's own content becomes one
 * marked-content sequence with that MCID (an untagged source's page, in the pack's structure tree).
 */
function stamper(out: PDFDocument, font: PDFFont) {
  const save = out.context.register(out.context.stream('q\n'));
  const key = PDFName.of('CwPageNo');
  const n = (x: number) => (Math.round(x * 100) / 100).toString();
  return (page: PDFPage, label: string, wrap: { tag: string; mcid: number } | null = null) => {
    const box = page.getCropBox();
    const r = ((page.getRotation().angle % 360) + 360) % 360;
    const size = FONT_SIZE;
    const tw = font.widthOfTextAtSize(label, size);
    const vw = r % 180 === 0 ? box.width : box.height;
    const vx = vw - 28 - tw;
    const vy = 18;
    const map = (x: number, y: number): [number, number] => {
      if (r === 90) return [box.x + box.width - y, box.y + x];
      if (r === 180) return [box.x + box.width - x, box.y + box.height - y];
      if (r === 270) return [box.x + y, box.y + box.height - x];
      return [box.x + x, box.y + y];
    };
    const rad = (r * Math.PI) / 180;
    const [c, s] = [Math.round(Math.cos(rad)), Math.round(Math.sin(rad))];
    const [rx, ry] = map(vx - 4, vy - 4);
    const [tx, ty] = map(vx, vy);
    const ops =
      `${wrap ? 'Q EMC' : 'Q'} /Artifact <</Type /Pagination /Subtype /Footer>> BDC ` +
      `q ${c} ${s} ${-s} ${c} ${n(rx)} ${n(ry)} cm 1 g 0.3 G 0.5 w 0 0 ${n(tw + 8)} ${n(size + 6)} re B Q ` +
      `q 0 g BT /CwPageNo ${size} Tf ${c} ${s} ${-s} ${c} ${n(tx)} ${n(ty)} Tm ${font.encodeText(label).toString()} Tj ET Q EMC\n`;
    const stampRef = out.context.register(out.context.stream(ops));
    page.node.setFontDictionary(key, font.ref);
    const contents = page.node.Contents();
    const existing = contents instanceof PDFArray ? contents.asArray() : contents ? [page.node.get(PDFName.of('Contents'))!] : [];
    const before = wrap ? out.context.register(out.context.stream(`/${wrap.tag} <</MCID ${wrap.mcid}>> BDC q\n`)) : save;
    page.node.set(PDFName.of('Contents'), out.context.obj([before, ...existing, stampRef]));
  };
}

function checkCancelled(signal?: AbortSignal) {
  if (signal?.aborted) throw new UserError('CONFLICT', 'The build was cancelled; nothing was written.');
}

const tick = () => new Promise<void>((r) => setImmediate(r));

/**
 * Builds the pack for one recipient into `out` (through a temporary file renamed into place, with the
 * manifest and the redaction log beside it): index with links, bookmarks, page labels, stamped numbers,
 * the manifest attached.
 */
export async function buildPack(input: BuildInput): Promise<BuildOutput> {
  const { pack, recipient, signal } = input;
  const progress: BuildProgress = { state: 'running', documentsDone: 0, documentsTotal: pack.entries.length, pagesDone: 0, pagesTotal: 0, message: null };
  const report = () => input.onProgress?.({ ...progress });
  const out = await PDFDocument.create({ updateMetadata: false });
  // pdf-lib's own fontkit build can subset (the newer fontkit the report renderer uses cannot, for pdf-lib).
  out.registerFontkit(plainFontkit);
  // Streams pdf-lib compresses itself (the font subsets, the manifest) go through Node's zlib, not pako: a cold
  // pako took a fifth of a build.
  const ctx = out.context;
  ctx.flateStream = (contents, dict = {}) => ctx.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), { ...dict, Filter: 'FlateDecode' });
  const fonts = reportFonts();
  const font = await out.embedFont(fonts.regular, { subset: true });
  const bold = await out.embedFont(fonts.bold, { subset: true });
  const stampFont = await out.embedFont(StandardFonts.HelveticaBold);
  const stamp = stamper(out, stampFont);
  const tags = new PackTags(out);

  const lay = layoutPack(pack, indexPageCount(pack));
  const lines = paginate(indexLines(pack, lay, measureFont()));
  progress.pagesTotal = lay.totalPages;
  report();

  const indexPages = lay.indexLabels.map(() => out.addPage(A4));
  // The index comes first in the structure as on the page, though it is drawn last (it needs the pages it links to).
  const indexSect = tags.element('Sect', tags.documentRef, { title: 'Index' });
  const firstPage = new Map<string, PDFPage>();
  const manifest: Manifest = { pack: input.reference, recipient, builtOn: input.builtOn, numbering: pack.numbering, indexPages: lay.indexLabels, documents: [] };
  const log: RedactionLogEntry[] = [...(input.titleLog ?? [])];
  let position = 0;
  for (const e of lay.order) {
    checkCancelled(signal);
    const labels = lay.labels.get(e.id)!;
    const src = await input.source(e);
    const doc = await loadPdf(src.name, src.data);
    const count = doc.getPageCount();
    if (count > e.pages) throw new UserError('CONFLICT', `“${e.title}” now has ${count} pages but its place in the pack has ${e.pages}; take it out and add it again (before the pack is sent).`);
    let redacted: RedactedPage[] = [];
    // Drawn in the isolated worker, with its time and memory limits (redactIsolated.ts).
    if (src.redact.length || src.leakCheck) redacted = await redactIsolated(src.name, src.data, src.redact, src.leakCheck ?? null);
    const byIndex = new Map(redacted.map((r) => [r.pageIndex, r]));
    const turns = new Map(e.turns.map((t) => [t.page, t.by]));
    const keep = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
    // The document's place in the structure tree. A tagged source keeps its own structure only when nothing is
    // to be taken out of it for this recipient: no redaction asked for and no leak check (the complainant's
    // version of evidence and files), because its elements' alternate and replacement texts and titles are
    // words the page checks do not read. An untagged one is marked a page at a time.
    const part = tags.element('Part', tags.documentRef, { title: e.title });
    const hasTree = doc.catalog.has(PDFName.of('StructTreeRoot'));
    const keepStructure = hasTree && byIndex.size === 0 && src.redact.length === 0 && !src.leakCheck;
    const copiedTagged = keepStructure ? await tags.copyTagged(doc, part) : null;
    // The complainant's version of a file we did not make: its annotations (a form's entries, typed-on notes,
    // comments, links and their addresses) are words the leak check, which reads the page's text, never sees,
    // so they are taken off the source's pages before any is copied (a copied object would stay in the file
    // even once unlinked), and the log says how many.
    const dropped = new Map<number, number>();
    if (src.leakCheck) for (const i of keep) dropped.set(i, dropAnnotations(doc.getPage(i)));
    const copied = copiedTagged ?? (await out.copyPages(doc, keep));
    // A tagged source whose structure was not kept: its pages hold marked content of their own, so they are not
    // wrapped again (nested ids), and the pack is not marked as fully tagged.
    const wrapCopied = !copiedTagged && !hasTree;
    if (!copiedTagged) tags.stats[hasTree ? 'unmarked' : 'untagged']++;
    let k = 0;
    for (let i = 0; i < e.pages; i++) {
      let page: PDFPage;
      let wrap: { tag: string; mcid: number } | null = null;
      const red = byIndex.get(i);
      if (i >= count) {
        page = out.addPage(A4);
        tags.tagged(page, 'P', part, () =>
          page.drawText('This page is intentionally blank, so that every version of the pack has the same page numbers.', { x: MARGIN, y: A4[1] / 2, size: 11, font, color: rgb(0.35, 0.35, 0.35), maxWidth: A4[0] - 2 * MARGIN }),
        );
      } else if (red) {
        page = out.addPage([red.width, red.height]);
        const img = await out.embedJpg(red.jpeg);
        // The picture shows the page; its words are the invisible layer, which is what is read out.
        tags.artifact(page, 'Layout', () => page.drawImage(img, { x: 0, y: 0, width: red.width, height: red.height }));
        tags.tagged(page, 'P', part, () => {
          page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.Invisible));
          for (const run of red.runs) {
            try {
              const natural = font.widthOfTextAtSize(run.text, run.size);
              const size = natural > run.width && natural > 0 ? Math.max(1, (run.size * run.width) / natural) : run.size;
              page.drawText(run.text, { x: run.x, y: run.y, size, font, rotate: degrees((run.angle * 180) / Math.PI) });
            } catch {
              // A character the font cannot encode: that run stays in the picture only.
            }
          }
          // Back to visible text for the stamped page number.
          page.pushOperators(setTextRenderingMode(TextRenderingMode.Fill), popGraphicsState());
        });
        for (const r of red.removed) log.push({ entryId: e.id, document: e.title, page: labels[i]!, removed: r.phrase, reason: r.reason, occurrences: r.occurrences });
      } else {
        page = out.addPage(copied[k++]!);
        if (wrapCopied) wrap = { tag: 'Part', mcid: tags.mcid(page, part) };
        const n = dropped.get(i);
        if (n) log.push({ entryId: e.id, document: e.title, page: labels[i]!, removed: ANNOTATIONS_REMOVED, reason: ANNOTATIONS_REASON, occurrences: n });
      }
      // Turned for reading where the file shows its text sideways or upside down (found when it was added):
      // the redacted picture is drawn as the file shows the page, so it turns by the same amount.
      const by = turns.get(i + 1);
      if (by && i < count) page.setRotation(degrees((((page.getRotation().angle + by) % 360) + 360) % 360));
      if (i === 0) firstPage.set(e.id, page);
      stamp(page, labels[i]!, wrap);
      progress.pagesDone++;
    }
    manifest.documents.push({
      entryId: e.id, title: e.title, section: pack.sections.find((s) => s.id === e.sectionId)?.letter ?? '', position: ++position, first: labels[0]!, last: labels.at(-1)!, pages: e.pages, sourcePages: count,
      sha256: createHash('sha256').update(src.data).digest('hex'), source: src.describe,
    });
    progress.documentsDone++;
    report();
    await tick();
  }
  checkCancelled(signal);

  // The index, its links and its own page numbers.
  const title = `Review panel hearing pack — ${input.reference}`;
  // The index: a heading, a sentence, then one table (a header row, a row per section heading, a row per
  // document whose title is a link), continued over its pages with the column headings repeated as artifacts.
  const heading = tags.element('H1', indexSect);
  const intro = tags.element('P', indexSect);
  const table = tags.element('Table', indexSect);
  const cellAttrs = (span: number) => (span > 1 ? { attributes: { O: 'Table', ColSpan: span } } : {});
  lines.forEach((pageLines, p) => {
    const page = indexPages[p]!;
    let y = A4[1] - MARGIN;
    if (p === 0) {
      tags.mark(page, heading, 'H1', () => page.drawText(title, { x: MARGIN, y: y - 6, size: 17, font: bold }));
      tags.mark(page, intro, 'P', () =>
        page.drawText(`Prepared for ${RECIPIENT_LABELS[recipient]} on ${ukDate(input.builtOn)}. ${lay.totalPages} pages; every entry below links to its first page.`, { x: MARGIN, y: y - 30, size: 11, font, maxWidth: A4[0] - 2 * MARGIN, lineHeight: 14 }),
      );
      y -= HEADER_HEIGHT - 40;
    } else {
      tags.artifact(page, 'Pagination', () => page.drawText(`${title}: index (continued)`, { x: MARGIN, y: y - 6, size: 12, font: bold }));
    }
    y -= 24;
    const headings: [string, number][] = [['Document', COLS.title], ['Date', COLS.date], ['Pages', COLS.pages]];
    if (p === 0) {
      const tr = tags.element('TR', table);
      for (const [h, x] of headings) tags.tagged(page, 'TH', tr, () => page.drawText(h, { x, y, size: 11, font: bold }), { attributes: { O: 'Table', Scope: 'Column' } });
    } else {
      tags.artifact(page, 'Pagination', () => { for (const [h, x] of headings) page.drawText(h, { x, y, size: 11, font: bold }); });
    }
    tags.artifact(page, 'Layout', () => page.drawLine({ start: { x: MARGIN, y: y - 4 }, end: { x: A4[0] - MARGIN, y: y - 4 }, thickness: 0.7 }));
    y -= 16;
    const annots: PDFRef[] = [];
    for (const l of pageLines) {
      const tr = tags.element('TR', table);
      if (l.kind === 'section') {
        tags.tagged(page, 'TH', tr, () => page.drawText(l.text[0]!, { x: COLS.title, y: y - 8, size: 13, font: bold }), { attributes: { O: 'Table', ColSpan: 3, Scope: 'Row' } });
      } else {
        const target = l.entryId ? firstPage.get(l.entryId) : undefined;
        const drawTitle = () => l.text.forEach((t, i) => page.drawText(t, { x: COLS.title, y: y - 2 - i * LINE, size: FONT_SIZE, font, color: l.entryId ? rgb(0.05, 0.2, 0.55) : rgb(0.3, 0.3, 0.3) }));
        const td = tags.element('TD', tr, cellAttrs(target ? 1 : 3));
        if (target) {
          const link = tags.element('Link', td);
          tags.mark(page, link, 'Link', drawTitle);
          const rect = [MARGIN - 2, y - l.height + 8, A4[0] - MARGIN + 2, y + FONT_SIZE - 1];
          const annot = out.context.register(out.context.obj({
            Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0],
            Dest: [target.ref, 'Fit'],
            Contents: PDFHexString.fromText(`Go to ${l.text.join(' ')}, page ${l.pages?.split('–')[0]}`),
          }));
          tags.annotation(annot, page, link);
          annots.push(annot);
          tags.tagged(page, 'TD', tr, () => { if (l.date) page.drawText(l.date, { x: COLS.date, y: y - 2, size: FONT_SIZE, font }); });
          tags.tagged(page, 'TD', tr, () => { if (l.pages) page.drawText(l.pages, { x: COLS.pages, y: y - 2, size: FONT_SIZE, font }); });
        } else {
          tags.mark(page, td, 'TD', drawTitle);
        }
      }
      y -= l.height;
    }
    if (annots.length) {
      page.node.set(PDFName.of('Annots'), out.context.obj(annots));
      // Links are reached in the order of the structure (PDF/UA).
      page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
    }
    stamp(page, lay.indexLabels[p]!);
  });
  // An index that grew after sending keeps its pages' numbers: the extra pages are blank but numbered.
  for (let p = lines.length; p < indexPages.length; p++) {
    const page = indexPages[p]!;
    tags.tagged(page, 'P', indexSect, () => page.drawText('(index continues: no further entries)', { x: MARGIN, y: A4[1] - MARGIN - 20, size: 11, font }));
    stamp(page, lay.indexLabels[p]!);
  }
  tags.finish();
  // Marked only when every page's content has its own structure (docs/bundle.md): not when an untagged PDF
  // (a scan, a letter from elsewhere) is in the pack, whose pages are in the tree as one sequence each.
  out.catalog.set(PDFName.of('MarkInfo'), out.context.obj({ Marked: tags.fullyTagged }));

  // Page labels: each page's own label, exactly as stamped.
  const all = out.getPages();
  const labelsInOrder = [...lay.indexLabels, ...lay.order.flatMap((e) => lay.labels.get(e.id)!)];
  const nums: (PDFNumber | PDFDict)[] = [];
  labelsInOrder.forEach((l, i) => nums.push(PDFNumber.of(i), out.context.obj({ P: PDFHexString.fromText(l) })));
  out.catalog.set(PDFName.of('PageLabels'), out.context.obj({ Nums: out.context.obj(nums) }));

  // Bookmarks: the index, each section, each document.
  addOutline(out, [
    { title: 'Index', page: all[0]!, children: [] },
    ...pack.sections.flatMap((s) => {
      const entries = lay.order.filter((e) => e.sectionId === s.id);
      if (!entries.length) return [];
      return [{
        title: `${s.letter}  ${s.title}`,
        page: firstPage.get(entries[0]!.id)!,
        children: entries.map((e) => ({ title: `${pageRange({ first: lay.labels.get(e.id)![0]!, last: lay.labels.get(e.id)!.at(-1)! })}  ${e.title}${e.date ? ` (${ukDate(e.date)})` : ''}`, page: firstPage.get(e.id)!, children: [] })),
      }];
    }),
  ]);
  out.catalog.set(PDFName.of('OpenAction'), out.context.obj([all[0]!.ref, PDFName.of('Fit')]));
  out.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  out.catalog.set(PDFName.of('Lang'), PDFString.of('en-GB'));
  out.setTitle(title, { showInWindowTitleBar: true });
  out.setSubject(`Stage 3 review panel hearing pack, version for ${RECIPIENT_LABELS[recipient]}`);
  out.setCreator('Casewright');
  out.setProducer('Casewright (pdf-lib)');
  out.setCreationDate(new Date(`${input.builtOn}T12:00:00Z`));
  out.setModificationDate(new Date(`${input.builtOn}T12:00:00Z`));

  const manifestJson = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
  await out.attach(manifestJson, 'manifest.json', { mimeType: 'application/json', description: 'Each source document of the pack: its SHA-256, pages and place', creationDate: new Date(`${input.builtOn}T12:00:00Z`), modificationDate: new Date(`${input.builtOn}T12:00:00Z`) });
  checkCancelled(signal);
  // Written in one go: pdf-lib otherwise waits a timer tick (at least 1 ms) every 50 objects, most of a build's idle time.
  const bytes = await out.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
  checkCancelled(signal);

  if (input.out === null) return { pages: all.length, indexPages: lay.indexLabels.length, manifest, redactions: log, manifestPath: '', redactionLogPath: null, bytes };
  const base = input.out.replace(/\.pdf$/i, '');
  const manifestPath = `${base}.manifest.json`;
  const redactionLogPath = log.length ? `${base}.redaction-log.json` : null;
  writeAll([[input.out, bytes], [manifestPath, manifestJson], ...(redactionLogPath ? [[redactionLogPath, Buffer.from(JSON.stringify(log, null, 2) + '\n', 'utf8')] as [string, Uint8Array]] : [])]);
  return { pages: all.length, indexPages: lay.indexLabels.length, manifest, redactions: log, manifestPath, redactionLogPath };
}

/** Writes every file through a temporary name and renames them only when all are written: never half a pack. */
function writeAll(files: [string, Uint8Array][]) {
  const temps: string[] = [];
  try {
    for (const [file, data] of files) {
      const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.part`);
      temps.push(tmp);
      const fd = fs.openSync(tmp, 'wx');
      try {
        fs.writeFileSync(fd, data);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
    files.forEach(([file], i) => fs.renameSync(temps[i]!, file));
  } catch (e) {
    for (const t of temps) fs.rmSync(t, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOSPC' ? 'DISK_FULL' : 'READ_ONLY', `The pack could not be saved to ${files[0]![0]} (${code ?? 'error'}); choose another folder. Nothing was written.`);
  }
}

interface OutlineNode {
  title: string;
  page: PDFPage;
  children: OutlineNode[];
}

function addOutline(doc: PDFDocument, nodes: OutlineNode[]) {
  const ctx = doc.context;
  const rootRef = ctx.nextRef();
  const build = (items: OutlineNode[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = items.map(() => ctx.nextRef());
    let count = 0;
    items.forEach((n, i) => {
      const dict = ctx.obj({ Title: PDFHexString.fromText(n.title), Parent: parent, Dest: [n.page.ref, 'Fit'] }) as PDFDict;
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      count++;
      if (n.children.length) {
        const c = build(n.children, refs[i]!);
        dict.set(PDFName.of('First'), c.first);
        dict.set(PDFName.of('Last'), c.last);
        // Sections start open, so the documents show.
        dict.set(PDFName.of('Count'), PDFNumber.of(c.count));
        count += c.count;
      }
      ctx.assign(refs[i]!, dict);
    });
    return { first: refs[0]!, last: refs.at(-1)!, count };
  };
  const top = build(nodes, rootRef);
  ctx.assign(rootRef, ctx.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
}

