import PDFDocument from 'pdfkit';
import type { Block, DocumentModel, Run } from '../../../shared/documents/model';
import { UserFacingError } from '../../../shared/documents/errors';
import { toNfc } from '../../../shared/documents/normalise';
import { missingGlyphs, missingGlyphsSentence, reportFonts } from './fonts';

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

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const fontFor = (r: { bold?: boolean; italic?: boolean }) => (r.bold && r.italic ? 'BoldItalic' : r.bold ? 'Bold' : r.italic ? 'Italic' : 'Regular');

export function renderPdf(input: DocumentModel): Promise<Buffer> {
  // All text in NFC, so decomposed accents are drawn (and extracted) as the letters they are; and nothing the
  // fonts cannot draw is ever written as a silent box.
  const model = toNfc(input);
  const missing = missingGlyphs(model);
  if (missing.length) return Promise.reject(new UserFacingError(missingGlyphsSentence(missing)));
  const fonts = reportFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    autoFirstPage: true,
    info: { Title: model.title, Author: model.author, Subject: model.subject, Creator: 'Casewright', Keywords: `${model.reference}; ${model.marking}` },
  });
  doc.registerFont('Regular', fonts.regular);
  doc.registerFont('Bold', fonts.bold);
  doc.registerFont('Italic', fonts.italic);
  doc.registerFont('BoldItalic', fonts.boldItalic);
  doc.font('Regular').fontSize(SIZE.body).fillColor(INK);

  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  const outline: (PDFKit.PDFOutline | null)[] = [doc.outline, null, null, null];
  const bottom = () => A4.height - MARGIN.bottom;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };

  const writeRuns = (runs: Run[], opts: { size: number; width?: number; x?: number; align?: 'left' | 'right'; color?: string }) => {
    const list = runs.length ? runs : [{ text: '' }];
    list.forEach((r, i) => {
      // A link is underlined as well as coloured, so it does not rely on colour alone.
      doc.font(fontFor(r)).fontSize(opts.size).fillColor(r.link ? LINK : (opts.color ?? INK));
      const last = i === list.length - 1;
      const o = { width: opts.width ?? TEXT_W, align: opts.align ?? 'left', continued: !last, lineGap: 2, link: r.link ?? null, underline: !!r.link };
      if (i === 0 && opts.x !== undefined) doc.text(r.text, opts.x, doc.y, o);
      else doc.text(r.text, o);
    });
  };

  const tagged = (type: string, parent: Struct, draw: () => void) => {
    const el = doc.struct(type, {}, () => draw());
    parent.add(el);
    el.end();
  };

  const runsHeight = (runs: Run[], size: number, width: number) => {
    doc.font(fontFor(runs[0] ?? {})).fontSize(size);
    return doc.heightOfString(runs.map((r) => r.text).join('') || ' ', { width, lineGap: 2 });
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
        // Never strand a heading at the foot of a page: keep room for it and about three lines after it.
        const after = next && next.type === 'paragraph' ? Math.min(runsHeight(next.runs, SIZE.body, TEXT_W), 3 * 16) : 3 * 16;
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
        ensure(Math.min(runsHeight(b.runs, size, width), 2 * 16));
        tagged(style === 'quote' ? 'BlockQuote' : 'P', body, () => {
          doc.x = x;
          writeRuns(style === 'quote' ? b.runs.map((r) => ({ ...r, italic: true })) : b.runs, { size, width, x, align: style === 'right' ? 'right' : 'left', color: style === 'small' ? MUTED : INK });
        });
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
          tagged('LBody', li as Struct, () => writeRuns(item, { size: SIZE.body, width: TEXT_W - 22, x: MARGIN.left + 22 }));
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
        ensure(80);
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
  for (let i = 0; i < total; i++) {
    doc.switchToPage(range.start + i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    const left = `${model.marking}   ${model.reference}`;
    const right = model.draft ? `DRAFT v${model.draft.version}` : 'FINAL';
    doc.font('Bold').fontSize(8.5).fillColor(MUTED).text(left, MARGIN.left, 40, { width: TEXT_W / 2, lineBreak: false });
    doc.text(right, MARGIN.left + TEXT_W / 2, 40, { width: TEXT_W / 2, align: 'right', lineBreak: false });
    doc.moveTo(MARGIN.left, 54).lineTo(A4.width - MARGIN.right, 54).lineWidth(0.5).strokeColor('#999999').stroke();
    doc.font('Regular').fontSize(8.5).fillColor(MUTED).text(`Page ${i + 1} of ${total}`, MARGIN.left, A4.height - 46, { width: TEXT_W, align: 'center', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = keep;
  }
  doc.end();
  return done;
}

function drawTable(doc: Doc, body: Struct, b: Extract<Block, { type: 'table' }>, bottom: () => number): void {
  const pad = 4;
  const widths = b.widths.map((w) => w * TEXT_W);
  const hasHeader = b.header.some((h) => h.trim());
  const cellText = (cell: Run[]) => cell.map((r) => r.text).join('');
  const heightOf = (texts: string[], bold: boolean) =>
    Math.max(...texts.map((t, c) => {
      doc.font(bold ? 'Bold' : 'Regular').fontSize(SIZE.small + 0.5);
      return doc.heightOfString(t || ' ', { width: widths[c]! - 2 * pad, lineGap: 1 });
    })) + 2 * pad;
  const table = doc.struct('Table');
  body.add(table);
  doc.moveDown(0.3);

  const drawRow = (texts: string[], header: boolean, tag: boolean) => {
    const h = heightOf(texts, header);
    const y = doc.y;
    doc.markContent('Artifact', { type: 'Layout' });
    if (header) doc.rect(MARGIN.left, y, TEXT_W, h).fillColor('#e8e8e8').fill();
    doc.lineWidth(0.5).strokeColor('#888888');
    let x = MARGIN.left;
    widths.forEach((w) => {
      doc.rect(x, y, w, h).stroke();
      x += w;
    });
    doc.endMarkedContent();
    const tr = tag ? doc.struct('TR') : null;
    if (tr) table.add(tr);
    x = MARGIN.left;
    texts.forEach((t, c) => {
      const draw = () => doc.font(header ? 'Bold' : 'Regular').fontSize(SIZE.small + 0.5).fillColor(INK).text(t, x + pad, y + pad, { width: widths[c]! - 2 * pad, lineGap: 1 });
      if (tr) {
        const cell = doc.struct(header ? 'TH' : 'TD', {}, () => draw());
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

  if (hasHeader) {
    if (doc.y + heightOf(b.header, true) + heightOf(b.rows[0]?.map(cellText) ?? [' '], false) > bottom()) doc.addPage();
    drawRow(b.header, true, true);
  }
  for (const row of b.rows) {
    const texts = row.map(cellText);
    if (doc.y + heightOf(texts, false) > bottom()) {
      doc.addPage();
      if (hasHeader) drawRow(b.header, true, false);
    }
    drawRow(texts, false, true);
  }
  table.end();
  doc.moveDown(0.6);
}
