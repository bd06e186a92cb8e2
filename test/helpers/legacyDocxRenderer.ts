/**
 * The Word renderer as it was before issue 15 (the `docx` package), kept only so a test can check that the
 * direct writer (main/services/documents/docxRenderer.ts) says exactly what it said. Not used by the app.
 */
import {
  ExternalHyperlink,
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, DocumentModel, Run } from '../../shared/documents/model';
import { toNfc } from '../../shared/documents/normalise';
import { WORD_FONT, headerFontSize } from '../../main/services/documents/fonts';
import { fitWithin, imageSize } from '../../main/services/documents/imageSize';

/**
 * Word from the document model with `docx`: real styles (Title, Heading 1–3, list numbering) so Word's
 * navigation pane and a table of contents work; the protective marking, reference and draft version in the
 * header; "Page X of Y" in the footer; table header rows that repeat on each page.
 */
const TEXT_TWIPS = 9360; // A4 less 2 × 2.5 cm margins, near enough: 6.5 inches
const HEADING = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

const runsOf = (runs: Run[], extra: { italics?: boolean; size?: number; color?: string } = {}) =>
  runs.flatMap((r): (TextRun | ExternalHyperlink)[] => {
    const parts = r.text
      .split('\n')
      .map(
        (part, i) =>
          new TextRun({
            text: part,
            bold: r.bold,
            italics: r.italic || extra.italics,
            size: extra.size,
            color: r.link ? '1D4F91' : extra.color,
            underline: r.link ? {} : undefined,
            break: i > 0 ? 1 : undefined,
          }),
      );
    // A link is underlined as well as coloured, as Word's own Hyperlink style is.
    return r.link ? [new ExternalHyperlink({ link: r.link, children: parts })] : parts;
  });

export async function renderDocxLegacy(input: DocumentModel): Promise<Buffer> {
  const model = toNfc(input);
  let listInstance = 0;
  const body: (Paragraph | Table)[] = [];
  const lh = model.letterhead;
  if (lh.logo) {
    const data = Buffer.from(lh.logo.dataBase64, 'base64');
    const size = fitWithin(imageSize(data) ?? { width: 200, height: 75 }, 200, 75);
    body.push(
      new Paragraph({
        children: [
          new ImageRun({
            type: lh.logo.mime === 'image/png' ? 'png' : 'jpg',
            data,
            transformation: size,
            altText: { title: `${lh.council} logo`, description: `${lh.council} logo`, name: 'Logo' },
          }),
        ],
      }),
    );
  }
  body.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: lh.council, bold: true, size: 28 })] }));
  for (const l of [...lh.addressLines, ...lh.contactLines].filter(Boolean)) {
    body.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO }, children: [new TextRun({ text: l, size: 18, color: '444444' })] }));
  }
  if (model.draft) {
    body.push(new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: `DRAFT, version ${model.draft.version}: not for circulation until marked final.`, bold: true, color: '8A1C1C' })] }));
  }
  body.push(new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: model.variantNote, italics: true, size: 18, color: '444444' })] }));

  const blocks = model.blocks;
  blocks.forEach((b: Block, i: number) => {
    const beforeSignature = blocks[i + 1]?.type === 'signature';
    switch (b.type) {
      case 'title':
        body.push(new Paragraph({ heading: HeadingLevel.TITLE, keepNext: true, children: [new TextRun(b.text)] }));
        break;
      case 'heading':
        body.push(new Paragraph({ heading: HEADING[b.level], keepNext: true, keepLines: true, children: [new TextRun(b.text)] }));
        break;
      case 'paragraph': {
        const style = b.style ?? 'normal';
        body.push(
          new Paragraph({
            style: style === 'quote' ? 'Quote' : undefined,
            alignment: style === 'right' ? AlignmentType.RIGHT : undefined,
            // A signature block never stands alone on a page: the paragraph before it stays with it.
            keepNext: beforeSignature || undefined,
            keepLines: beforeSignature || undefined,
            widowControl: true,
            children: runsOf(b.runs, style === 'small' ? { size: 18, color: '444444' } : {}),
          }),
        );
        break;
      }
      case 'list': {
        const instance = listInstance++;
        for (const item of b.items) {
          body.push(new Paragraph({ numbering: { reference: b.ordered ? 'numbered' : 'bullets', level: 0, instance }, children: runsOf(item) }));
        }
        break;
      }
      case 'table': {
        const hasHeader = b.header.some((h) => h.trim());
        const cols = b.widths.map((w) => Math.round(w * TEXT_TWIPS));
        const rowHeader = (c: number) => !!b.rowHeaders && c === 0;
        const cell = (runs: Run[], c: number, header: boolean) =>
          new TableCell({
            width: { size: cols[c]!, type: WidthType.DXA },
            shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8E8E8' } : undefined,
            margins: { top: 60, bottom: 60, left: 100, right: 100 },
            children: [new Paragraph({ spacing: { after: 0 }, children: runsOf(header || rowHeader(c) ? runs.map((r) => ({ ...r, bold: true })) : runs, { size: 20 }) })],
          });
        const rows: TableRow[] = [];
        if (hasHeader) rows.push(new TableRow({ tableHeader: true, cantSplit: true, children: b.header.map((h, c) => cell([{ text: h }], c, true)) }));
        // A row is kept on one page unless it is long: Word clips a row taller than a page that may not split.
        const long = (row: Run[][]) => row.some((c) => c.reduce((n, r) => n + r.text.length, 0) > 1200);
        for (const row of b.rows) rows.push(new TableRow({ cantSplit: !long(row), children: row.map((r, c) => cell(r, c, false)) }));
        body.push(new Table({ width: { size: TEXT_TWIPS, type: WidthType.DXA }, columnWidths: cols, rows }));
        body.push(new Paragraph({ children: [] }));
        break;
      }
      case 'pageBreak':
        body.push(new Paragraph({ pageBreakBefore: true, children: [] }));
        break;
      case 'spacer':
        body.push(new Paragraph({ children: [] }));
        break;
      case 'signature':
        body.push(new Paragraph({ spacing: { before: 360 }, keepNext: true, children: [new TextRun('Signed: ______________________________')] }));
        body.push(new Paragraph({ keepNext: true, children: [new TextRun({ text: b.name, bold: true })] }));
        body.push(new Paragraph({ keepNext: b.date !== undefined, children: [new TextRun(b.role)] }));
        if (b.date !== undefined) body.push(new Paragraph({ children: [new TextRun(b.date ? `Date: ${b.date}` : 'Date: ______________')] }));
        break;
    }
  });

  // One line whatever the length of the marking and reference (the same size as the PDF's header).
  const headerSize = Math.round(headerFontSize(`${model.marking}   ${model.reference}`, model.draft ? `DRAFT v${model.draft.version}` : 'FINAL') * 2);
  const header = new Header({
    children: [
      new Paragraph({
        tabStops: [{ type: 'right', position: TEXT_TWIPS }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '999999', space: 4 } },
        children: [
          new TextRun({ text: `${model.marking}   ${model.reference}`, bold: true, size: headerSize, color: '444444' }),
          new TextRun({ text: `\t${model.draft ? `DRAFT v${model.draft.version}` : 'FINAL'}`, bold: true, size: headerSize, color: '444444' }),
        ],
      }),
    ],
  });
  const footer = new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 17, color: '444444' })] })],
  });

  const doc = new Document({
    creator: model.author,
    title: model.title,
    subject: model.subject,
    description: model.variantNote,
    keywords: `${model.reference}; ${model.marking}`,
    styles: {
      default: {
        // en-GB for spelling and screen readers; an explicit "auto" line rule (multiple of single spacing), so a
        // paragraph holding the logo grows with it instead of clipping it (LibreOffice reads a bare w:line so).
        document: {
          run: { font: { ascii: WORD_FONT, hAnsi: WORD_FONT, cs: WORD_FONT, eastAsia: WORD_FONT }, size: 22, language: { value: 'en-GB', eastAsia: 'en-GB', bidirectional: 'en-GB' } },
          paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO }},
        },
        title: { run: { font: WORD_FONT, size: 44, bold: true, color: '111111' }, paragraph: { spacing: { after: 240 } } },
        heading1: { run: { font: WORD_FONT, size: 30, bold: true, color: '111111' }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
        heading2: { run: { font: WORD_FONT, size: 25, bold: true, color: '111111' }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
        heading3: { run: { font: WORD_FONT, size: 23, bold: true, color: '111111' }, paragraph: { spacing: { before: 200, after: 60 }, keepNext: true } },
      },
      paragraphStyles: [
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { italics: true }, paragraph: { indent: { left: 360, right: 360 } } },
      ],
    },
    numbering: {
      config: [
        { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 440, hanging: 300 } } } }] },
        { reference: 'numbered', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 440, hanging: 340 } } } }] },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1300, bottom: 1200, left: 1270, right: 1270, header: 600, footer: 600 } } },
        headers: { default: header },
        footers: { default: footer },
        children: body,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
