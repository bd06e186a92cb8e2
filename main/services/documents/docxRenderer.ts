import type { Block, DocumentModel, Run } from '../../../shared/documents/model';
import { toNfc } from '../../../shared/documents/normalise';
import { WORD_FONT, headerFontSize } from './fonts';
import { fitWithin, imageSize } from './imageSize';
import { zip } from './zip';

/**
 * Word from the document model, written as WordprocessingML text directly (issue 15; it replaced the `docx`
 * package, whose object tree → XML objects → XML text pipeline was a third of the whole response's time).
 * Real styles (Title, Heading 1–3, Quote, list numbering) so Word's navigation pane and a table of contents
 * work; the protective marking, reference and draft version in the header; "Page X of Y" in the footer; table
 * header rows that repeat on each page; en-GB. The parts that are the same in every document (styles,
 * settings, fonts, content types, the package's relationships) are written once per process.
 * test/unit/documents/docxWriter.test.ts checks it says what the `docx` package's renderer said.
 */
const TEXT_TWIPS = 9360; // A4 less 2 × 2.5 cm margins, near enough: 6.5 inches
const EMU_PER_PX = 9525;

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const DRAWING_NS =
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Characters XML 1.0 cannot carry (controls other than tab and line breaks, lone surrogates, U+FFFE/F) are dropped. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const esc = (t: string) => t.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const fontAttrs = `w:ascii="${WORD_FONT}" w:cs="${WORD_FONT}" w:eastAsia="${WORD_FONT}" w:hAnsi="${WORD_FONT}"`;

interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  /** Half-points. */
  size?: number;
  color?: string;
  underline?: boolean;
}

/** Run properties in the order the schema wants them. */
function rPr(s: RunStyle): string {
  let x = '';
  if (s.bold) x += '<w:b/><w:bCs/>';
  if (s.italic) x += '<w:i/><w:iCs/>';
  if (s.color) x += `<w:color w:val="${s.color}"/>`;
  if (s.size) x += `<w:sz w:val="${s.size}"/><w:szCs w:val="${s.size}"/>`;
  if (s.underline) x += '<w:u w:val="single"/>';
  return x ? `<w:rPr>${x}</w:rPr>` : '';
}

/** The text of one run: tabs as w:tab, so a tab stop is honoured. */
const textXml = (text: string) =>
  text
    .split('\t')
    .map((t) => `<w:t xml:space="preserve">${esc(t)}</w:t>`)
    .join('<w:tab/>');

/** Runs with a line break for each "\n" and links as external hyperlinks (relationship ids from `link`). */
function runsXml(runs: Run[], extra: { italic?: boolean; size?: number; color?: string }, link: (href: string) => string): string {
  let out = '';
  for (const r of runs) {
    const props = rPr({ bold: r.bold, italic: r.italic || extra.italic, size: extra.size, color: r.link ? '1D4F91' : extra.color, underline: !!r.link });
    const parts = r.text.split('\n').map((part, i) => `<w:r>${props}${i > 0 ? '<w:br/>' : ''}${textXml(part)}</w:r>`).join('');
    // A link is underlined as well as coloured, as Word's own Hyperlink style is.
    out += r.link ? `<w:hyperlink w:history="1" r:id="${link(r.link)}">${parts}</w:hyperlink>` : parts;
  }
  return out;
}

interface ParaProps {
  style?: string;
  keepNext?: boolean;
  keepLines?: boolean;
  pageBreakBefore?: boolean;
  widowControl?: boolean;
  numId?: number;
  border?: string;
  tabs?: string;
  spacing?: string;
  jc?: 'right' | 'center';
}

function pPr(p: ParaProps): string {
  let x = '';
  if (p.style) x += `<w:pStyle w:val="${p.style}"/>`;
  if (p.keepNext) x += '<w:keepNext/>';
  if (p.keepLines) x += '<w:keepLines/>';
  if (p.pageBreakBefore) x += '<w:pageBreakBefore/>';
  if (p.widowControl) x += '<w:widowControl/>';
  if (p.numId !== undefined) x += `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${p.numId}"/></w:numPr>`;
  if (p.border) x += p.border;
  if (p.tabs) x += p.tabs;
  if (p.spacing) x += `<w:spacing ${p.spacing}/>`;
  if (p.jc) x += `<w:jc w:val="${p.jc}"/>`;
  return x ? `<w:pPr>${x}</w:pPr>` : '';
}

const para = (p: ParaProps, runs = '') => `<w:p>${pPr(p)}${runs}</w:p>`;
const run = (text: string, s: RunStyle = {}) => `<w:r>${rPr(s)}${textXml(text)}</w:r>`;

const TABLE_BORDERS =
  '<w:tblBorders><w:top w:val="single" w:color="auto" w:sz="4"/><w:left w:val="single" w:color="auto" w:sz="4"/><w:bottom w:val="single" w:color="auto" w:sz="4"/><w:right w:val="single" w:color="auto" w:sz="4"/><w:insideH w:val="single" w:color="auto" w:sz="4"/><w:insideV w:val="single" w:color="auto" w:sz="4"/></w:tblBorders>';
const CELL_MARGINS = '<w:tcMar><w:top w:type="dxa" w:w="60"/><w:left w:type="dxa" w:w="100"/><w:bottom w:type="dxa" w:w="60"/><w:right w:type="dxa" w:w="100"/></w:tcMar>';

function tableXml(b: Extract<Block, { type: 'table' }>, link: (href: string) => string): string {
  const hasHeader = b.header.some((h) => h.trim());
  const cols = b.widths.map((w) => Math.round(w * TEXT_TWIPS));
  const rowHeader = (c: number) => !!b.rowHeaders && c === 0;
  const cell = (runs: Run[], c: number, header: boolean) =>
    `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${cols[c]}"/>${header ? '<w:shd w:fill="E8E8E8" w:color="auto" w:val="clear"/>' : ''}${CELL_MARGINS}</w:tcPr>` +
    para({ spacing: 'w:after="0"' }, runsXml(header || rowHeader(c) ? runs.map((r) => ({ ...r, bold: true })) : runs, { size: 20 }, link)) +
    '</w:tc>';
  let x = `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${TEXT_TWIPS}"/>${TABLE_BORDERS}</w:tblPr><w:tblGrid>${cols.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  if (hasHeader) x += `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${b.header.map((h, c) => cell([{ text: h }], c, true)).join('')}</w:tr>`;
  // A row is kept on one page unless it is long: Word clips a row taller than a page that may not split.
  const long = (row: Run[][]) => row.some((c) => c.reduce((n, r) => n + r.text.length, 0) > 1200);
  for (const row of b.rows) x += `<w:tr>${long(row) ? '' : '<w:trPr><w:cantSplit/></w:trPr>'}${row.map((r, c) => cell(r, c, false)).join('')}</w:tr>`;
  return `${x}</w:tbl><w:p/>`;
}

function logoXml(lh: DocumentModel['letterhead'], rId: string): string {
  const data = Buffer.from(lh.logo!.dataBase64, 'base64');
  const size = fitWithin(imageSize(data) ?? { width: 200, height: 75 }, 200, 75);
  const cx = Math.round(size.width * EMU_PER_PX);
  const cy = Math.round(size.height * EMU_PER_PX);
  const alt = esc(`${lh.council} logo`);
  return (
    `<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent t="0" r="0" b="0" l="0"/>` +
    `<wp:docPr id="1" name="Logo" descr="${alt}" title="${alt}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="Logo"/><pic:cNvPicPr><a:picLocks noChangeAspect="1" noChangeArrowheads="1"/></pic:cNvPicPr></pic:nvPicPr>' +
    `<pic:blipFill><a:blip r:embed="${rId}"/><a:srcRect/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
  );
}

/** The parts every Word file shares, written once per process. */
const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>' +
  '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>' +
  '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>' +
  '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>' +
  '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>';

const PACKAGE_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`;

const APP = `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Casewright</Application></Properties>`;

const SETTINGS = `${XML_HEAD}<w:settings ${W_NS}><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="en-GB"/></w:settings>`;

const FONT_TABLE = `${XML_HEAD}<w:fonts ${W_NS}><w:font w:name="${WORD_FONT}"><w:altName w:val="Arial"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font></w:fonts>`;

const headingStyle = (id: string, name: string, size: number, spacing: string) =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing ${spacing}/><w:outlineLvl w:val="${Number(id.slice(-1)) - 1}"/></w:pPr><w:rPr><w:rFonts ${fontAttrs}/><w:b/><w:bCs/><w:color w:val="111111"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`;

// en-GB for spelling and screen readers; an explicit "auto" line rule (multiple of single spacing), so a
// paragraph holding the logo grows with it instead of clipping it (LibreOffice reads a bare w:line so).
const STYLES =
  `${XML_HEAD}<w:styles ${W_NS}>` +
  `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts ${fontAttrs}/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="en-GB"/></w:rPr></w:rPrDefault>` +
  '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
  `<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="10"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:rFonts ${fontAttrs}/><w:b/><w:bCs/><w:color w:val="111111"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>` +
  headingStyle('Heading1', 'heading 1', 30, 'w:before="360" w:after="120"') +
  headingStyle('Heading2', 'heading 2', 25, 'w:before="240" w:after="80"') +
  headingStyle('Heading3', 'heading 3', 23, 'w:before="200" w:after="60"') +
  '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="29"/><w:qFormat/><w:pPr><w:ind w:left="360" w:right="360"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr></w:style>' +
  '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="1D4F91"/><w:u w:val="single"/></w:rPr></w:style>' +
  '</w:styles>';

/** Bullets (abstract list 1) and numbers (2); each list in the document is its own w:num, so numbering restarts. */
function numberingXml(lists: boolean[]): string {
  const level = (fmt: string, text: string, hanging: number) =>
    `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="440" w:hanging="${hanging}"/></w:pPr></w:lvl>`;
  return (
    `${XML_HEAD}<w:numbering ${W_NS}>` +
    `<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>${level('bullet', '•', 300)}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="singleLevel"/>${level('decimal', '%1.', 340)}</w:abstractNum>` +
    lists.map((ordered, i) => `<w:num w:numId="${i + 1}"><w:abstractNumId w:val="${ordered ? 2 : 1}"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`).join('') +
    '</w:numbering>'
  );
}

export function renderDocx(input: DocumentModel): Promise<Buffer> {
  try {
    return Promise.resolve(writeDocx(input));
  } catch (e) {
    return Promise.reject(e as Error);
  }
}

function writeDocx(input: DocumentModel): Buffer {
  const model = toNfc(input);
  const rels: string[] = [
    `<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>`,
    `<Relationship Id="rId2" Type="${REL}/numbering" Target="numbering.xml"/>`,
    `<Relationship Id="rId3" Type="${REL}/settings" Target="settings.xml"/>`,
    `<Relationship Id="rId4" Type="${REL}/fontTable" Target="fontTable.xml"/>`,
    `<Relationship Id="rId5" Type="${REL}/header" Target="header1.xml"/>`,
    `<Relationship Id="rId6" Type="${REL}/footer" Target="footer1.xml"/>`,
  ];
  const links = new Map<string, string>();
  const link = (href: string) => {
    let id = links.get(href);
    if (!id) {
      id = `rIdLink${links.size + 1}`;
      links.set(href, id);
      rels.push(`<Relationship Id="${id}" Type="${REL}/hyperlink" Target="${esc(href)}" TargetMode="External"/>`);
    }
    return id;
  };
  const lists: boolean[] = [];
  const parts: string[] = [];
  const media: { name: string; data: Buffer }[] = [];

  const lh = model.letterhead;
  if (lh.logo) {
    const name = `logo.${lh.logo.mime === 'image/png' ? 'png' : 'jpeg'}`;
    media.push({ name: `word/media/${name}`, data: Buffer.from(lh.logo.dataBase64, 'base64') });
    rels.push(`<Relationship Id="rIdLogo" Type="${REL}/image" Target="media/${name}"/>`);
    parts.push(logoXml(lh, 'rIdLogo'));
  }
  parts.push(para({ jc: 'right' }, run(lh.council, { bold: true, size: 28 })));
  for (const l of [...lh.addressLines, ...lh.contactLines].filter(Boolean)) {
    parts.push(para({ spacing: 'w:after="0" w:line="240" w:lineRule="auto"', jc: 'right' }, run(l, { size: 18, color: '444444' })));
  }
  if (model.draft) parts.push(para({ spacing: 'w:before="120"' }, run(`DRAFT, version ${model.draft.version}: not for circulation until marked final.`, { bold: true, color: '8A1C1C' })));
  parts.push(para({ spacing: 'w:after="240"' }, run(model.variantNote, { italic: true, size: 18, color: '444444' })));

  const blocks = model.blocks;
  blocks.forEach((b: Block, i: number) => {
    const beforeSignature = blocks[i + 1]?.type === 'signature';
    switch (b.type) {
      case 'title':
        parts.push(para({ style: 'Title', keepNext: true }, run(b.text)));
        break;
      case 'heading':
        parts.push(para({ style: `Heading${b.level}`, keepNext: true, keepLines: true }, run(b.text)));
        break;
      case 'paragraph': {
        const style = b.style ?? 'normal';
        // A signature block never stands alone on a page: the paragraph before it stays with it.
        const props: ParaProps = { style: style === 'quote' ? 'Quote' : undefined, keepNext: beforeSignature, keepLines: beforeSignature, widowControl: true, jc: style === 'right' ? 'right' : undefined };
        parts.push(para(props, runsXml(b.runs, style === 'small' ? { size: 18, color: '444444' } : {}, link)));
        break;
      }
      case 'list': {
        lists.push(b.ordered);
        const numId = lists.length;
        for (const item of b.items) parts.push(para({ style: 'ListParagraph', numId }, runsXml(item, {}, link)));
        break;
      }
      case 'table':
        parts.push(tableXml(b, link));
        break;
      case 'pageBreak':
        parts.push(para({ pageBreakBefore: true }));
        break;
      case 'spacer':
        parts.push('<w:p/>');
        break;
      case 'signature':
        parts.push(para({ keepNext: true, spacing: 'w:before="360"' }, run('Signed: ______________________________')));
        parts.push(para({ keepNext: true }, run(b.name, { bold: true })));
        parts.push(para({ keepNext: b.date !== undefined }, run(b.role)));
        if (b.date !== undefined) parts.push(para({}, run(b.date ? `Date: ${b.date}` : 'Date: ______________')));
        break;
    }
  });

  const sectPr =
    '<w:sectPr><w:headerReference w:type="default" r:id="rId5"/><w:footerReference w:type="default" r:id="rId6"/><w:pgSz w:w="11906" w:h="16838"/>' +
    '<w:pgMar w:top="1300" w:right="1270" w:bottom="1200" w:left="1270" w:header="600" w:footer="600" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>';
  const document = `${XML_HEAD}<w:document ${W_NS} ${R_NS} ${DRAWING_NS}><w:body>${parts.join('')}${sectPr}</w:body></w:document>`;

  // One line whatever the length of the marking and reference (the same size as the PDF's header).
  const left = `${model.marking}   ${model.reference}`;
  const right = model.draft ? `DRAFT v${model.draft.version}` : 'FINAL';
  const hs = Math.round(headerFontSize(left, right) * 2);
  const headStyle = { bold: true, size: hs, color: '444444' };
  const header =
    `${XML_HEAD}<w:hdr ${W_NS} ${R_NS}>` +
    para({ border: '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="999999"/></w:pBdr>', tabs: `<w:tabs><w:tab w:val="right" w:pos="${TEXT_TWIPS}"/></w:tabs>` }, run(left, headStyle) + `<w:r>${rPr(headStyle)}<w:tab/>${textXml(right)}</w:r>`) +
    '</w:hdr>';
  const fs = rPr({ size: 17, color: '444444' });
  const field = (code: string) =>
    `<w:r>${fs}<w:fldChar w:fldCharType="begin"/></w:r><w:r>${fs}<w:instrText xml:space="preserve"> ${code} </w:instrText></w:r><w:r>${fs}<w:fldChar w:fldCharType="separate"/></w:r><w:r>${fs}<w:fldChar w:fldCharType="end"/></w:r>`;
  const footer = `${XML_HEAD}<w:ftr ${W_NS} ${R_NS}>${para({ jc: 'center' }, `<w:r>${fs}<w:t xml:space="preserve">Page </w:t></w:r>${field('PAGE')}<w:r>${fs}<w:t xml:space="preserve"> of </w:t></w:r>${field('NUMPAGES')}`)}</w:ftr>`;

  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const core =
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${esc(model.title)}</dc:title><dc:subject>${esc(model.subject)}</dc:subject><dc:creator>${esc(model.author)}</dc:creator><cp:keywords>${esc(`${model.reference}; ${model.marking}`)}</cp:keywords>` +
    `<dc:description>${esc(model.variantNote)}</dc:description><dc:language>en-GB</dc:language><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`;

  return zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: PACKAGE_RELS },
    { name: 'word/document.xml', data: document },
    { name: 'word/_rels/document.xml.rels', data: `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>` },
    { name: 'word/styles.xml', data: STYLES },
    { name: 'word/numbering.xml', data: numberingXml(lists) },
    { name: 'word/settings.xml', data: SETTINGS },
    { name: 'word/fontTable.xml', data: FONT_TABLE },
    { name: 'word/header1.xml', data: header },
    { name: 'word/footer1.xml', data: footer },
    ...media,
    { name: 'docProps/core.xml', data: core },
    { name: 'docProps/app.xml', data: APP },
  ]);
}
