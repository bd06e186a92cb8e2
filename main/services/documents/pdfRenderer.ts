import PDFDocument from 'pdfkit';
import type { Block, DocumentModel, Run } from '../../../shared/documents/model';
import { UserFacingError } from '../../../shared/documents/errors';
import { toNfc } from '../../../shared/documents/normalise';
import { headerFontSize, missingGlyphs, missingGlyphsSentence, pdfFaces } from './fonts';

/**
 * PDF from the document model with PDFKit: chosen because it embeds TrueType fonts (subset), writes tagged
 * PDF (a structure tree for screen readers: H1–H3, P, L/LI, Table/TR/TH/TD), bookmarks and metadata, and
 * leaves layout decisions to us, so headings can be kept with what follows them and table header rows can
 * repeat on each page. See docs/documents.md.
 */
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 78, bottom: 72, left: 68, right: 68 };
const TEXT_W = A4.width - MARGIN.left - MARGIN.right;
const SIZE = { body: 11, small: 9, title: 22, h1: 15, h2: 12.5, h3: 11.5 };
const INK = '#111111';
const LINK = '#1d4f91';
const MUTED = '#444444';

/** Room a signature block needs: the line, name, role and date. */
const SIGNATURE_H = 90;
const xmlEscape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');


type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/** Each face's shaped words (PDFKit's per-font layout cache), shared by every PDF this process writes. */
const layoutCaches: Record<string, Record<string, unknown>> = {};
/** Each face's advance widths of the strings PDFKit measured, in thousandths of the type size. */
const widthCaches: Record<string, Map<string, number>> = {};

/** The parts of PDFKit's embedded font the renderer reaches into (not in its type definitions). */
interface EmbeddedFont {
  layoutCache?: Record<string, unknown>;
  layout: (text: string, features: unknown, onlyWidth: boolean) => { advanceWidth: number };
  widthOfString: (text: string, size: number, features?: unknown) => number;
}

const fontFor = (r: { bold?: boolean; italic?: boolean }) => (r.bold && r.italic ? 'BoldItalic' : r.bold ? 'Bold' : r.italic ? 'Italic' : 'Regular');

export function renderPdf(input: DocumentModel): Promise<Buffer> {
  // All text in NFC, so decomposed accents are drawn (and extracted) as the letters they are; and nothing the
  // fonts cannot draw is ever written as a silent box.
  const model = toNfc(input);
  const missing = missingGlyphs(model);
  if (missing.length) return Promise.reject(new UserFacingError(missingGlyphsSentence(missing)));
  const fonts = pdfFaces();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    // PDF/UA: PDFKit writes the pdfuaid:part identifier into the XMP metadata.
    ...({ subset: 'PDF/UA' } as object),
    autoFirstPage: true,
    info: { Title: model.title, Author: model.author, Subject: model.subject, Creator: 'Casewright', Keywords: `${model.reference}; ${model.marking}` },
  });
  // The four faces are parsed once per process and each word's shaping is kept across documents (issue 15):
  // parsing the font tables again for every document, and shaping every word again, was most of the time.
  for (const [name, face] of Object.entries(fonts)) {
    doc.registerFont(name, face as unknown as Buffer);
    doc.font(name);
    const embedded = (doc as unknown as { _font: EmbeddedFont })._font;
    // Kept for the life of the process, but not without bound: a long session starts afresh past 100,000 words.
    let shaped = layoutCaches[name];
    if (!shaped || Object.keys(shaped).length > 100_000) shaped = layoutCaches[name] = Object.create(null) as Record<string, unknown>;
    embedded.layoutCache = shaped;
    // PDFKit measures every word by scanning it again, once to break the lines of a paragraph and again to
    // draw them: each string's advance width is kept, and scaled exactly as PDFKit scales it.
    const widths = (widthCaches[name] ??= new Map<string, number>());
    const layout = embedded.layout.bind(embedded);
    embedded.widthOfString = (text, size, features) => {
      if (features) return layout(text, features, true).advanceWidth * (size / 1000);
      let w = widths.get(text);
      if (w === undefined) {
        if (widths.size > 200_000) widths.clear();
        w = layout(text, undefined, true).advanceWidth;
        widths.set(text, w);
      }
      return w * (size / 1000);
    };
  }
  doc.font('Regular').fontSize(SIZE.body).fillColor(INK);

  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // PDFKit writes the document information into the XMP metadata as it is: escape it there, so a council
  // called "Brighton & Hove" still gives well-formed XMP (the Info dictionary keeps the plain words).
  const withInfo = doc as unknown as { _addInfo: () => void; info: Record<string, unknown> };
  const addInfo = withInfo._addInfo.bind(doc);
  withInfo._addInfo = () => {
    const keep = { ...withInfo.info };
    for (const [k, v] of Object.entries(keep)) if (typeof v === 'string') withInfo.info[k] = xmlEscape(v);
    addInfo();
    withInfo.info = keep;
  };
  // "Title" is not a standard structure type before PDF 2.0: the role map says to read it as a heading.
  (doc as unknown as { getStructTreeRoot: () => { data: Record<string, unknown> } }).getStructTreeRoot().data.RoleMap = { Title: 'H1' };
  const root = doc.struct('Document');
  doc.addStructure(root);
  const outline: (PDFKit.PDFOutline | null)[] = [doc.outline, null, null, null];
  const bottom = () => A4.height - MARGIN.bottom;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };

  type RunOpts = { size: number; width?: number; x?: number; align?: 'left' | 'right'; color?: string };
  /** The words of the link being drawn: its annotation's description. */
  let linkWords = '';
  const writeRun = (list: Run[], i: number, opts: RunOpts) => {
    const r = list[i]!;
    // A link is underlined as well as coloured, so it does not rely on colour alone.
    doc.font(fontFor(r)).fontSize(opts.size).fillColor(r.link ? LINK : (opts.color ?? INK));
    const last = i === list.length - 1;
    const o = { width: opts.width ?? TEXT_W, align: opts.align ?? 'left', continued: !last, lineGap: 2, link: r.link ?? null, underline: !!r.link };
    linkWords = r.link ? r.text : '';
    if (i === 0 && opts.x !== undefined) doc.text(r.text, opts.x, doc.y, o);
    else doc.text(r.text, o);
  };
  const writeRuns = (runs: Run[], opts: RunOpts) => {
    const list = runs.length ? runs : [{ text: '' }];
    list.forEach((_r, i) => writeRun(list, i, opts));
  };

  const tagged = (type: string, parent: Struct, draw: () => void) => {
    const el = doc.struct(type, {}, () => draw());
    parent.add(el);
    el.end();
  };

  /**
   * Runs as one structure element; a link among them in a Link element of its own that holds its annotation
   * (PDF/UA: a screen reader announces it as a link, with the description below). `prepare` runs before the first.
   */
  const taggedRuns = (type: string, parent: Struct, runs: Run[], opts: RunOpts, prepare?: () => void) => {
    if (!runs.some((r) => r.link)) {
      tagged(type, parent, () => {
        prepare?.();
        writeRuns(runs, opts);
      });
      return;
    }
    const el = doc.struct(type);
    parent.add(el);
    runs.forEach((r, i) => {
      const draw = () => {
        if (i === 0) prepare?.();
        writeRun(runs, i, opts);
      };
      if (r.link) {
        const link = doc.struct('Link', {}, draw);
        el.add(link);
        link.end();
      } else el.add(draw);
    });
    el.end();
  };
  // PDFKit gives a tagged link's annotation an empty description; it gets the linked words and the address.
  const addLink = doc.link.bind(doc);
  doc.link = (x, y, w, h, url, options) => addLink(x, y, w, h, url, { ...options, Contents: new String(`${linkWords.trim()} (${String(url)})`) } as never);

  // A paragraph's height is asked for by the heading before it and again by the paragraph itself: measured once.
  const heights = new Map<string, number>();
  const runsHeight = (runs: Run[], size: number, width: number) => {
    const font = fontFor(runs[0] ?? {});
    const text = runs.map((r) => r.text).join('') || ' ';
    const key = `${font}|${size}|${width}|${text}`;
    let h = heights.get(key);
    if (h === undefined) {
      doc.font(font).fontSize(size);
      heights.set(key, (h = doc.heightOfString(text, { width, lineGap: 2 })));
    }
    return h;
  };

  // The letterhead, the draft notice and which version this is, at the top of the first page.
  const head = doc.struct('Sect');
  root.add(head);
  const logo = model.letterhead.logo;
  if (logo) {
    const top = doc.y;
    const fig = doc.struct('Figure', { alt: `${model.letterhead.council} logo` }, () => doc.image(Buffer.from(logo.dataBase64, 'base64'), MARGIN.left, top, { fit: [150, 56] }));
    head.add(fig);
    fig.end();
    doc.y = top;
  }
  tagged('P', head, () => {
    doc.font('Bold').fontSize(14).fillColor(INK).text(model.letterhead.council, { align: 'right' });
  });
  const lines = [...model.letterhead.addressLines, ...model.letterhead.contactLines].filter(Boolean);
  if (lines.length) tagged('P', head, () => doc.font('Regular').fontSize(SIZE.small).fillColor(MUTED).text(lines.join('\n'), { align: 'right' }));
  doc.moveDown(0.5);
  if (model.draft) {
    tagged('P', head, () => doc.font('Bold').fontSize(SIZE.body).fillColor('#8a1c1c').text(`DRAFT, version ${model.draft!.version}: not for circulation until marked final.`));
  }
  tagged('P', head, () => doc.font('Italic').fontSize(SIZE.small).fillColor(MUTED).text(model.variantNote));
  head.end();
  doc.moveDown(0.8);

  const body = doc.struct('Sect');
  root.add(body);
  const blocks = model.blocks;
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    switch (b.type) {
      case 'title': {
        ensure(60);
        tagged('Title', body, () => doc.font('Bold').fontSize(SIZE.title).fillColor(INK).text(b.text, { width: TEXT_W }));
        doc.moveDown(0.6);
        break;
      }
      case 'heading': {
        const size = b.level === 1 ? SIZE.h1 : b.level === 2 ? SIZE.h2 : SIZE.h3;
        // Never strand a heading at the foot of a page: keep room for it and about three lines after it (a
        // table's header row and the start of its first row).
        const after = next && next.type === 'paragraph' ? Math.min(runsHeight(next.runs, SIZE.body, TEXT_W), 3 * 16) : next?.type === 'table' ? 80 : 3 * 16;
        doc.moveDown(b.level === 1 ? 0.9 : 0.6);
        ensure(runsHeight([{ text: b.text, bold: true }], size, TEXT_W) + after + 8);
        const parent = outline[b.level - 1] ?? doc.outline;
        outline[b.level] = parent.addItem(b.text);
        for (let l = b.level + 1; l < outline.length; l++) outline[l] = null;
        tagged(`H${b.level}`, body, () => doc.font('Bold').fontSize(size).fillColor(INK).text(b.text, MARGIN.left, doc.y, { width: TEXT_W }));
        doc.moveDown(0.3);
        break;
      }
      case 'paragraph': {
        const style = b.style ?? 'normal';
        const size = style === 'small' ? SIZE.small : SIZE.body;
        const x = style === 'quote' ? MARGIN.left + 18 : MARGIN.left;
        const width = style === 'quote' ? TEXT_W - 36 : TEXT_W;
        const height = runsHeight(b.runs, size, width);
        // A signature block never stands alone on a page: the paragraph before it goes over with it.
        ensure(next?.type === 'signature' ? height + SIGNATURE_H : Math.min(height, 2 * 16));
        // Widow control: a paragraph that would leave one line alone at the top of the next page breaks a line
        // earlier, so two go over (PDFKit breaks at the page's bottom margin, raised here for this page only).
        const lineH = doc.font('Regular').fontSize(size).currentLineHeight(true) + 2;
        const total = Math.round(height / lineH);
        const fit = Math.floor((bottom() - doc.y) / lineH);
        const page = doc.page;
        const keepBottom = page.margins.bottom;
        if (total > fit && total - fit === 1 && fit >= 3) page.margins.bottom = keepBottom + lineH;
        const runs = style === 'quote' ? b.runs.map((r) => ({ ...r, italic: true })) : b.runs;
        taggedRuns(style === 'quote' ? 'BlockQuote' : 'P', body, runs.length ? runs : [{ text: '' }], { size, width, x, align: style === 'right' ? 'right' : 'left', color: style === 'small' ? MUTED : INK }, () => {
          doc.x = x;
        });
        page.margins.bottom = keepBottom;
        doc.x = MARGIN.left;
        doc.moveDown(0.5);
        break;
      }
      case 'list': {
        const list = doc.struct('L');
        body.add(list);
        b.items.forEach((item, n) => {
          const label = b.ordered ? `${n + 1}.` : '•';
          ensure(Math.min(runsHeight(item, SIZE.body, TEXT_W - 22), 2 * 16));
          const li = doc.struct('LI');
          list.add(li);
          const y = doc.y;
          tagged('Lbl', li as Struct, () => doc.font('Regular').fontSize(SIZE.body).fillColor(INK).text(label, MARGIN.left + 4, y, { width: 18, lineBreak: false }));
          doc.y = y;
          taggedRuns('LBody', li as Struct, item.length ? item : [{ text: '' }], { size: SIZE.body, width: TEXT_W - 22, x: MARGIN.left + 22 });
          li.end();
          doc.moveDown(0.25);
        });
        list.end();
        doc.x = MARGIN.left;
        doc.moveDown(0.3);
        break;
      }
      case 'table':
        drawTable(doc, body, b, bottom);
        break;
      case 'pageBreak':
        doc.addPage();
        break;
      case 'spacer':
        doc.moveDown(0.8);
        break;
      case 'signature': {
        ensure(SIGNATURE_H);
        doc.moveDown(1);
        tagged('P', body, () => {
          doc.font('Regular').fontSize(SIZE.body).fillColor(INK).text('Signed: ______________________________', MARGIN.left, doc.y);
          doc.font('Bold').text(b.name);
          doc.font('Regular').text(b.role);
          if (b.date !== undefined) doc.text(b.date ? `Date: ${b.date}` : 'Date: ______________');
        });
        doc.moveDown(0.5);
        break;
      }
    }
  });
  body.end();
  root.end();

  // Running header and footer on every page, as artifacts (not read out as content).
  const range = doc.bufferedPageRange();
  const total = range.count;
  // One line whatever the length of the marking and reference: the type shrinks to fit (6 pt at least).
  const headerLeft = `${model.marking}   ${model.reference}`;
  const headerRight = model.draft ? `DRAFT v${model.draft.version}` : 'FINAL';
  const hs = headerFontSize(headerLeft, headerRight);
  for (let i = 0; i < total; i++) {
    doc.switchToPage(range.start + i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    const left = headerLeft;
    const right = headerRight;
    doc.font('Bold').fontSize(hs).fillColor(MUTED);
    const rightW = doc.widthOfString(right);
    doc.text(left, MARGIN.left, 40, { width: TEXT_W - rightW - 12, lineBreak: false, ellipsis: true });
    doc.text(right, MARGIN.left + TEXT_W - rightW - 12, 40, { width: rightW + 12, align: 'right', lineBreak: false });
    doc.moveTo(MARGIN.left, 54).lineTo(A4.width - MARGIN.right, 54).lineWidth(0.5).strokeColor('#999999').stroke();
    doc.font('Regular').fontSize(8.5).fillColor(MUTED).text(`Page ${i + 1} of ${total}`, MARGIN.left, A4.height - 46, { width: TEXT_W, align: 'center', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = keep;
  }
  doc.end();
  return done;
}

/** Text broken into the lines PDFKit would draw in `width` (words kept whole unless one is wider than the cell). */
function wrapLines(doc: Doc, text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of (text || ' ').split('\n')) {
    let line = '';
    for (const word of para.split(/(?<=\s)/u)) {
      if (doc.widthOfString(line + word) <= width) {
        line += word;
        continue;
      }
      if (line.trim()) out.push(line.trimEnd());
      let rest = word;
      // A word wider than the cell is broken where it must be.
      while (doc.widthOfString(rest) > width && rest.length > 1) {
        let n = rest.length - 1;
        while (n > 1 && doc.widthOfString(rest.slice(0, n)) > width) n--;
        out.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
    }
    out.push(line.trimEnd());
  }
  return out;
}

/**
 * A table: header cells are TH with Scope Column (repeated on each page as artifacts), a key/value table's
 * first cells TH with Scope Row. A row taller than what is left of the page moves to the next; a row taller
 * than a whole page is split line by line across pages, each part with its own borders inside the margins,
 * the header repeated above it (issue 13: a 5,000-character chronology event).
 */
function drawTable(doc: Doc, body: Struct, b: Extract<Block, { type: 'table' }>, bottom: () => number): void {
  const pad = 4;
  const size = SIZE.small + 0.5;
  const lineGap = 1;
  const widths = b.widths.map((w) => w * TEXT_W);
  const hasHeader = b.header.some((h) => h.trim());
  const rowHeaders = !!b.rowHeaders;
  const cellText = (cell: Run[]) => cell.map((r) => r.text).join('');
  const fontOf = (header: boolean, c: number) => (header || (rowHeaders && c === 0) ? 'Bold' : 'Regular');
  // Each row is measured once (issue 15): the page-break check and the drawing share the height, and the
  // header row's height is not measured again on every page.
  const rowHeights = new Map<string, number>();
  const heightOf = (texts: string[], header: boolean) => {
    const key = `${header ? 'H' : 'R'}${JSON.stringify(texts)}`;
    let h = rowHeights.get(key);
    if (h === undefined) {
      h =
        Math.max(...texts.map((t, c) => {
          doc.font(fontOf(header, c)).fontSize(size);
          return doc.heightOfString(t || ' ', { width: widths[c]! - 2 * pad, lineGap });
        })) + 2 * pad;
      rowHeights.set(key, h);
    }
    return h;
  };
  const lineHeight = () => doc.font('Regular').fontSize(size).currentLineHeight(true) + lineGap;
  const table = doc.struct('Table');
  body.add(table);
  doc.moveDown(0.3);

  const borders = (y: number, h: number, header: boolean) => {
    doc.markContent('Artifact', { type: 'Layout' });
    if (header) doc.rect(MARGIN.left, y, TEXT_W, h).fillColor('#e8e8e8').fill();
    doc.lineWidth(0.5).strokeColor('#888888');
    let x = MARGIN.left;
    widths.forEach((w) => {
      doc.rect(x, y, w, h).stroke();
      x += w;
    });
    doc.endMarkedContent();
  };
  const cellTag = (header: boolean, c: number): [string, { scope?: 'Column' | 'Row' }] =>
    header ? ['TH', { scope: 'Column' }] : rowHeaders && c === 0 ? ['TH', { scope: 'Row' }] : ['TD', {}];

  const drawRow = (texts: string[], header: boolean, tag: boolean) => {
    const h = heightOf(texts, header);
    const y = doc.y;
    borders(y, h, header);
    const tr = tag ? doc.struct('TR') : null;
    if (tr) table.add(tr);
    let x = MARGIN.left;
    texts.forEach((t, c) => {
      const cx = x;
      const draw = () => doc.font(fontOf(header, c)).fontSize(size).fillColor(INK).text(t, cx + pad, y + pad, { width: widths[c]! - 2 * pad, lineGap });
      if (tr) {
        const [type, opts] = cellTag(header, c);
        const cell = doc.struct(type, opts as never, () => draw());
        tr.add(cell);
        cell.end();
      } else {
        // A repeated header row is page furniture: marked as an artifact so it is not read twice.
        doc.markContent('Artifact', { type: 'Pagination' });
        draw();
        doc.endMarkedContent();
      }
      x += widths[c]!;
    });
    tr?.end();
    doc.x = MARGIN.left;
    doc.y = y + h;
  };
  const newPage = () => {
    doc.addPage();
    if (hasHeader) drawRow(b.header, true, false);
  };

  /** A row too tall for any page: its lines in parts, one per page, each a bordered box within the margins. */
  const drawSplitRow = (texts: string[]) => {
    const lines = texts.map((t, c) => {
      doc.font(fontOf(false, c)).fontSize(size);
      return wrapLines(doc, t, widths[c]! - 2 * pad);
    });
    const total = Math.max(...lines.map((l) => l.length));
    const lh = lineHeight();
    const tr = doc.struct('TR');
    table.add(tr);
    const cells = texts.map((_, c) => {
      const [type, opts] = cellTag(false, c);
      const el = doc.struct(type, opts as never);
      tr.add(el);
      return el;
    });
    let from = 0;
    while (from < total) {
      const fit = Math.floor((bottom() - doc.y - 2 * pad) / lh);
      if (fit < 3) {
        newPage();
        continue;
      }
      const n = Math.min(fit, total - from);
      const y = doc.y;
      const h = n * lh + 2 * pad;
      borders(y, h, false);
      let x = MARGIN.left;
      cells.forEach((el, c) => {
        const cx = x;
        const part = lines[c]!.slice(from, from + n);
        if (part.length) {
          el.add(() => {
            doc.font(fontOf(false, c)).fontSize(size).fillColor(INK);
            part.forEach((line, i) => doc.text(line, cx + pad, y + pad + i * lh, { lineBreak: false }));
          });
        }
        x += widths[c]!;
      });
      from += n;
      doc.x = MARGIN.left;
      doc.y = y + h;
      if (from < total) newPage();
    }
    cells.forEach((el) => el.end());
    tr.end();
  };

  const lh = lineHeight();
  if (hasHeader) {
    // Room for the header and the first few lines of the first row, never a header alone at a page's foot.
    const first = Math.min(heightOf(b.rows[0]?.map(cellText) ?? [' '], false), 3 * lh + 2 * pad);
    if (doc.y + heightOf(b.header, true) + first > bottom()) doc.addPage();
    drawRow(b.header, true, true);
  }
  const fullPage = () => bottom() - MARGIN.top - (hasHeader ? heightOf(b.header, true) : 0);
  for (const row of b.rows) {
    const texts = row.map(cellText);
    const h = heightOf(texts, false);
    if (doc.y + h <= bottom()) drawRow(texts, false, true);
    else if (h <= fullPage()) {
      newPage();
      drawRow(texts, false, true);
    } else drawSplitRow(texts);
  }
  table.end();
  doc.moveDown(0.6);
}
