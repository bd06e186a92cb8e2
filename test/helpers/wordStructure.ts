import { parseDocument } from 'htmlparser2';
import type { Element, ChildNode } from 'domhandler';
import JSZip from 'jszip';

/**
 * What a Word file says and how it is built, with the XML's spelling taken out: paragraphs with their style,
 * list, keep-with-next and spacing; runs merged where their formatting is the same; tables with their grid,
 * header rows and shading; the header, footer and fields; the styles the body uses; page size and margins;
 * the file properties; the logo. Two renderers that give equal structures say the same thing in Word.
 */
export interface WordStructure {
  body: unknown[];
  header: string;
  footer: { text: string; fields: string[] };
  styles: Record<string, unknown>;
  defaults: Record<string, string>;
  section: Record<string, string>;
  properties: Record<string, string>;
  images: { extent: string; descr: string; bytes: number }[];
}

const kids = (e: Element): Element[] => e.children.filter((c): c is Element => c.type === 'tag');
const kid = (e: Element | undefined, name: string): Element | undefined => (e ? kids(e).find((c) => c.name === name) : undefined);
const attr = (e: Element | undefined, name: string): string | undefined => e?.attribs[name];
const on = (e: Element | undefined) => !!e && !['false', '0', 'off'].includes(e.attribs['w:val'] ?? '');
const textOf = (n: ChildNode): string => (n.type === 'text' ? n.data : 'children' in n ? (n.children as ChildNode[]).map(textOf).join('') : '');
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function root(xml: string): Element {
  const doc = parseDocument(xml, { xmlMode: true, decodeEntities: false });
  return doc.children.find((c): c is Element => c.type === 'tag')!;
}

interface RunOut {
  text: string;
  bold: boolean;
  italic: boolean;
  size?: string;
  color?: string;
  underline: boolean;
  link?: string;
}

function runsOf(p: Element, rels: Record<string, string>): RunOut[] {
  const out: RunOut[] = [];
  const add = (r: Element, link?: string) => {
    const pr = kid(r, 'w:rPr');
    const props = {
      bold: on(kid(pr, 'w:b')),
      italic: on(kid(pr, 'w:i')),
      size: attr(kid(pr, 'w:sz'), 'w:val'),
      color: attr(kid(pr, 'w:color'), 'w:val')?.toUpperCase(),
      underline: !!kid(pr, 'w:u') && attr(kid(pr, 'w:u'), 'w:val') !== 'none',
      ...(link ? { link } : {}),
    };
    let text = '';
    for (const c of kids(r)) {
      if (c.name === 'w:t') text += unescape(textOf(c));
      else if (c.name === 'w:tab') text += '\t';
      else if (c.name === 'w:br') text += '\n';
      else if (c.name === 'w:fldChar' || c.name === 'w:instrText' || c.name === 'w:drawing') return;
    }
    const last = out.at(-1);
    if (last && JSON.stringify({ ...last, text: '' }) === JSON.stringify({ ...props, text: '' })) last.text += text;
    else out.push({ text, ...props });
  };
  for (const c of kids(p)) {
    if (c.name === 'w:r') add(c);
    else if (c.name === 'w:hyperlink') for (const r of kids(c).filter((x) => x.name === 'w:r')) add(r, rels[attr(c, 'r:id') ?? '']);
  }
  return out.filter((r) => r.text !== '');
}

function numbering(xml: string | undefined): Record<string, { format: string; text: string; indent: string }> {
  if (!xml) return {};
  const n = root(xml);
  const abstract: Record<string, { format: string; text: string; indent: string }> = {};
  for (const a of kids(n).filter((x) => x.name === 'w:abstractNum')) {
    const lvl = kids(a).find((x) => x.name === 'w:lvl' && x.attribs['w:ilvl'] === '0');
    const ind = kid(kid(lvl, 'w:pPr'), 'w:ind');
    abstract[a.attribs['w:abstractNumId']!] = { format: attr(kid(lvl, 'w:numFmt'), 'w:val') ?? '', text: attr(kid(lvl, 'w:lvlText'), 'w:val') ?? '', indent: `${attr(ind, 'w:left')}/${attr(ind, 'w:hanging')}` };
  }
  const out: Record<string, { format: string; text: string; indent: string }> = {};
  for (const x of kids(n).filter((y) => y.name === 'w:num')) out[x.attribs['w:numId']!] = abstract[attr(kid(x, 'w:abstractNumId'), 'w:val')!]!;
  return out;
}

function paragraph(p: Element, rels: Record<string, string>, nums: ReturnType<typeof numbering>, listOrder: string[]): unknown {
  const pr = kid(p, 'w:pPr');
  const sp = kid(pr, 'w:spacing');
  const numId = attr(kid(kid(pr, 'w:numPr'), 'w:numId'), 'w:val');
  if (numId && !listOrder.includes(numId)) listOrder.push(numId);
  return {
    style: attr(kid(pr, 'w:pStyle'), 'w:val') ?? 'Normal',
    keepNext: on(kid(pr, 'w:keepNext')),
    keepLines: on(kid(pr, 'w:keepLines')),
    pageBreakBefore: on(kid(pr, 'w:pageBreakBefore')),
    widowControl: on(kid(pr, 'w:widowControl')),
    align: attr(kid(pr, 'w:jc'), 'w:val') ?? 'left',
    spacing: sp ? Object.fromEntries(Object.entries(sp.attribs).sort()) : {},
    ...(numId ? { list: { ...nums[numId]!, instance: listOrder.indexOf(numId) } } : {}),
    runs: runsOf(p, rels),
  };
}

function blocks(body: Element, rels: Record<string, string>, nums: ReturnType<typeof numbering>, listOrder: string[]): unknown[] {
  const out: unknown[] = [];
  for (const c of kids(body)) {
    if (c.name === 'w:p') out.push(paragraph(c, rels, nums, listOrder));
    else if (c.name === 'w:tbl') {
      const pr = kid(c, 'w:tblPr');
      out.push({
        table: {
          width: attr(kid(pr, 'w:tblW'), 'w:w'),
          borders: kids(kid(pr, 'w:tblBorders') ?? c).filter((b) => b.name !== 'w:tr').map((b) => `${b.name} ${b.attribs['w:val']} ${b.attribs['w:sz']}`).sort(),
          grid: kids(kid(c, 'w:tblGrid')!).map((g) => g.attribs['w:w']),
          rows: kids(c)
            .filter((r) => r.name === 'w:tr')
            .map((r) => ({
              header: on(kid(kid(r, 'w:trPr'), 'w:tblHeader')),
              cantSplit: on(kid(kid(r, 'w:trPr'), 'w:cantSplit')),
              cells: kids(r)
                .filter((x) => x.name === 'w:tc')
                .map((tc) => {
                  const tcPr = kid(tc, 'w:tcPr');
                  const mar = kid(tcPr, 'w:tcMar');
                  return {
                    width: attr(kid(tcPr, 'w:tcW'), 'w:w'),
                    fill: attr(kid(tcPr, 'w:shd'), 'w:fill'),
                    margins: mar ? kids(mar).map((m) => `${m.name}=${m.attribs['w:w']}`).sort().join(' ') : '',
                    content: blocks(tc, rels, nums, listOrder),
                  };
                }),
            })),
        },
      });
    }
  }
  return out;
}

const partText = (xml: string | undefined) => {
  if (!xml) return '';
  const r = root(xml);
  return kids(r)
    .filter((p) => p.name === 'w:p')
    .map((p) => runsOf(p, {}).map((x) => x.text).join(''))
    .join('\n');
};

function styleProps(s: Element | undefined): unknown {
  if (!s) return null;
  const rPr = kid(s, 'w:rPr');
  const pPr = kid(s, 'w:pPr');
  const sp = kid(pPr, 'w:spacing');
  const ind = kid(pPr, 'w:ind');
  return {
    basedOn: attr(kid(s, 'w:basedOn'), 'w:val'),
    font: attr(kid(rPr, 'w:rFonts'), 'w:ascii'),
    bold: on(kid(rPr, 'w:b')),
    italic: on(kid(rPr, 'w:i')),
    size: attr(kid(rPr, 'w:sz'), 'w:val'),
    color: attr(kid(rPr, 'w:color'), 'w:val'),
    keepNext: on(kid(pPr, 'w:keepNext')),
    spacing: sp ? Object.fromEntries(Object.entries(sp.attribs).sort()) : {},
    indent: ind ? Object.fromEntries(Object.entries(ind.attribs).sort()) : {},
  };
}

export async function wordStructure(data: Buffer): Promise<WordStructure> {
  const zip = await JSZip.loadAsync(data);
  const read = async (name: string) => zip.file(name)?.async('string');
  const relsXml = (await read('word/_rels/document.xml.rels')) ?? '';
  const relEls = kids(root(relsXml));
  const rels = Object.fromEntries(relEls.map((r) => [r.attribs.Id!, unescape(r.attribs.Target!)]));
  const doc = root((await read('word/document.xml'))!);
  const body = kid(doc, 'w:body')!;
  const nums = numbering(await read('word/numbering.xml'));
  const sect = kid(body, 'w:sectPr');
  const relTarget = (type: string) => relEls.find((r) => r.attribs.Type!.endsWith(`/${type}`))?.attribs.Target;
  const headerXml = await read(`word/${relTarget('header')}`);
  const footerXml = await read(`word/${relTarget('footer')}`);
  const stylesRoot = root((await read('word/styles.xml'))!);
  const styleEls = kids(stylesRoot).filter((s) => s.name === 'w:style');
  const defaults = kid(stylesRoot, 'w:docDefaults');
  const rDef = kid(kid(defaults, 'w:rPrDefault'), 'w:rPr');
  const coreRoot = root((await read('docProps/core.xml'))!);
  const images = await Promise.all(
    [...((await read('word/document.xml'))!.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>[\s\S]*?<wp:docPr [^>]*descr="([^"]*)"[\s\S]*?r:embed="([^"]+)"/g))].map(async (m) => ({
      extent: `${m[1]}×${m[2]}`,
      descr: unescape(m[3]!),
      bytes: (await zip.file(`word/${rels[m[4]!]}`)!.async('nodebuffer')).length,
    })),
  );
  return {
    body: blocks(body, rels, nums, []),
    header: partText(headerXml),
    footer: { text: partText(footerXml), fields: [...(footerXml ?? '').matchAll(/<w:instrText[^>]*>([^<]*)</g)].map((m) => m[1]!.trim()) },
    styles: Object.fromEntries(['Title', 'Heading1', 'Heading2', 'Heading3', 'Quote', 'ListParagraph'].map((id) => [id, styleProps(styleEls.find((s) => s.attribs['w:styleId'] === id))])),
    defaults: {
      font: [...['w:ascii', 'w:hAnsi', 'w:cs', 'w:eastAsia'].map((a) => attr(kid(rDef, 'w:rFonts'), a))].join(' '),
      size: attr(kid(rDef, 'w:sz'), 'w:val') ?? '',
      lang: ['w:val', 'w:eastAsia', 'w:bidi'].map((a) => attr(kid(rDef, 'w:lang'), a)).join(' '),
      spacing: JSON.stringify(Object.fromEntries(Object.entries(kid(kid(kid(defaults, 'w:pPrDefault'), 'w:pPr'), 'w:spacing')?.attribs ?? {}).sort())),
    },
    section: {
      size: `${attr(kid(sect, 'w:pgSz'), 'w:w')}×${attr(kid(sect, 'w:pgSz'), 'w:h')}`,
      margins: Object.entries(kid(sect, 'w:pgMar')?.attribs ?? {})
        .sort()
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    },
    properties: Object.fromEntries(['dc:title', 'dc:subject', 'dc:creator', 'cp:keywords', 'dc:description'].map((k) => [k, kid(coreRoot, k) ? unescape(textOf(kid(coreRoot, k)!)) : ''])),
    images,
  };
}
