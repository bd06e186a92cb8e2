import { inflateSync } from 'node:zlib';
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString, type PDFObject } from 'pdf-lib';

/**
 * The text of a PDF that Casewright's own renderer wrote, read back from its bytes (issue 15): the leak check's
 * fast reader. It reads what a reader's tools read (each glyph through the font's ToUnicode map, as copying and
 * searching do), but only the shapes PDFKit writes for our documents: Type0 fonts with Identity-H encoding and a
 * ToUnicode map, text shown with TJ/Tj inside BT…ET, no text in form XObjects. Anything else is
 * `NotOurPdf`, and the caller reads the file with pdf.js instead, so an unfamiliar file is never read
 * partially. A test compares this reader with pdf.js page by page on hard documents.
 */
export class NotOurPdf extends Error {}

export interface PdfTextSources {
  pages: string[];
  bookmarks: string[];
  info: Record<string, string>;
  xmp: string | null;
  /** Link targets (URIs) on each page, and struct elements' alternative and actual text. */
  links: string[];
  alternates: string[];
}

interface Font {
  /** Glyph id → the text it stands for. */
  toUnicode: Map<number, string>;
  /** Glyph id → advance in thousandths of the type size. */
  widths: Map<number, number>;
  defaultWidth: number;
}

/** The largest decoded stream read: far above any page, font or ToUnicode map our renderer writes. */
const MAX_STREAM_BYTES = 64 * 1024 * 1024;

const unexpected = (what: string): never => {
  throw new NotOurPdf(what);
};

/** A stream's decoded bytes: Flate with Node's zlib (pdf-lib's JavaScript inflate was most of the read). */
function streamBytes(obj: PDFObject | undefined): Uint8Array {
  if (obj instanceof PDFRawStream) {
    const filter = obj.dict.lookup(PDFName.of('Filter'));
    if (filter === undefined) return obj.contents;
    // Never more than a stream of ours could hold: anything bigger is not our file (and not inflated in full).
    if (filter === PDFName.of('FlateDecode') && obj.dict.lookup(PDFName.of('DecodeParms')) === undefined) return inflateSync(obj.contents, { maxOutputLength: MAX_STREAM_BYTES });
    return unexpected('a stream is compressed in a way our renderer does not write');
  }
  if (obj instanceof PDFStream) return obj.getContents();
  return unexpected('a stream was expected');
}

const utf16be = (hex: string) => {
  const codes: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) codes.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...codes);
};

/** A ToUnicode CMap's bfchar and bfrange entries (the forms PDFKit writes, and the other standard ones). */
function parseToUnicode(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(m[1]!, 16), utf16be(m[2]!));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:<([0-9a-fA-F]*)>|\[([^\]]*)\])/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      if (hi < lo || hi - lo > 0xffff) unexpected('a ToUnicode range is out of order');
      if (m[4] !== undefined) {
        const dsts = [...m[4].matchAll(/<([0-9a-fA-F]*)>/g)].map((d) => utf16be(d[1]!));
        for (let g = lo; g <= hi && g - lo < dsts.length; g++) map.set(g, dsts[g - lo]!);
      } else {
        const first = utf16be(m[3]!);
        const last = first.charCodeAt(first.length - 1);
        for (let g = lo; g <= hi; g++) map.set(g, first.slice(0, -1) + String.fromCharCode(last + (g - lo)));
      }
    }
  }
  return map;
}

function readFont(doc: PDFDocument, dict: PDFDict): Font {
  const name = (k: string) => dict.lookup(PDFName.of(k));
  if (name('Subtype') !== PDFName.of('Type0') || name('Encoding') !== PDFName.of('Identity-H')) unexpected('a font is not Type0 with Identity-H');
  const toUnicode = parseToUnicode(Buffer.from(streamBytes(name('ToUnicode'))).toString('latin1'));
  const descendants = dict.lookup(PDFName.of('DescendantFonts'), PDFArray);
  const cid = descendants.lookup(0, PDFDict);
  const dw = cid.lookup(PDFName.of('DW'));
  const widths = new Map<number, number>();
  const w = cid.lookup(PDFName.of('W'));
  if (w instanceof PDFArray) {
    // [first [w1 w2 …]] or [first last w] entries.
    const items = w.asArray().map((o) => doc.context.lookup(o));
    for (let i = 0; i < items.length; ) {
      const first = items[i];
      const next = items[i + 1];
      if (!(first instanceof PDFNumber)) unexpected('a font width table is malformed');
      if (next instanceof PDFArray) {
        next.asArray().forEach((v, k) => {
          const n = doc.context.lookup(v);
          if (n instanceof PDFNumber) widths.set((first as PDFNumber).asNumber() + k, n.asNumber());
        });
        i += 2;
      } else {
        const last = items[i + 1];
        const width = items[i + 2];
        if (!(last instanceof PDFNumber) || !(width instanceof PDFNumber)) unexpected('a font width table is malformed');
        for (let g = (first as PDFNumber).asNumber(); g <= (last as PDFNumber).asNumber(); g++) widths.set(g, (width as PDFNumber).asNumber());
        i += 3;
      }
    }
  }
  return { toUnicode, widths, defaultWidth: dw instanceof PDFNumber ? dw.asNumber() : 1000 };
}

type Token = { kind: 'num'; value: number } | { kind: 'name'; value: string } | { kind: 'hex'; value: number[] } | { kind: 'str'; value: number[] } | { kind: 'op'; value: string } | { kind: 'open' } | { kind: 'close' };

/** Byte classes: 1 white space, 2 delimiter (PDF 32000-1, 7.2.2). */
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[c] = 2;

const latin1 = (b: Uint8Array, from: number, to: number) => {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
  return s;
};

const HEX = new Int8Array(256).fill(-1);
for (let c = 0; c < 16; c++) HEX['0123456789abcdef'.charCodeAt(c)] = HEX['0123456789ABCDEF'.charCodeAt(c)] = c;

/** The bytes of a hex string's digits (white space ignored; an odd last digit counts as followed by 0). */
function hexBytes(b: Uint8Array, from: number, to: number): number[] {
  const out: number[] = [];
  let high = -1;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (CLASS[c] === 1) continue;
    const v = HEX[c]!;
    if (v < 0) unexpected('a hex string has a stray character');
    if (high < 0) high = v;
    else {
      out.push((high << 4) | v);
      high = -1;
    }
  }
  if (high >= 0) out.push(high << 4);
  return out;
}

/** A number token (`12`, `-3.5`, `.25`), or NaN for anything else. */
function readNumber(b: Uint8Array, from: number, to: number): number {
  let i = from;
  let sign = 1;
  if (b[i] === 0x2d) {
    sign = -1;
    i++;
  }
  else if (b[i] === 0x2b) i++;
  let v = 0;
  let digits = 0;
  while (i < to && b[i]! >= 0x30 && b[i]! <= 0x39) {
    v = v * 10 + (b[i++]! - 0x30);
    digits++;
  }
  if (i < to && b[i] === 0x2e) {
    i++;
    let scale = 0.1;
    while (i < to && b[i]! >= 0x30 && b[i]! <= 0x39) {
      v += (b[i++]! - 0x30) * scale;
      scale /= 10;
      digits++;
    }
  }
  return i === to && digits > 0 ? sign * v : NaN;
}

/** Calls `emit` with each token of a content stream (dictionaries come as one `<<>>` op: only marked-content properties use them). */
function tokens(b: Uint8Array, emit: (t: Token) => void): void {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    const cls = CLASS[c];
    if (cls === 1) {
      i++;
    } else if (c === 0x25) {
      while (i < n && b[i] !== 0x0a && b[i] !== 0x0d) i++;
    } else if (c === 0x5b) {
      i++;
      emit({ kind: 'open' });
    } else if (c === 0x5d) {
      i++;
      emit({ kind: 'close' });
    } else if (c === 0x3c && b[i + 1] === 0x3c) {
      let depth = 0;
      while (i < n) {
        if (b[i] === 0x3c && b[i + 1] === 0x3c) {
          depth++;
          i += 2;
        }
        else if (b[i] === 0x3e && b[i + 1] === 0x3e) {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else if (b[i] === 0x28) i = skipLiteral(b, i).end;
        else i++;
      }
      if (depth !== 0) unexpected('a dictionary is not closed');
      emit({ kind: 'op', value: '<<>>' });
    } else if (c === 0x3c) {
      const end = b.indexOf(0x3e, i);
      if (end < 0) unexpected('a hex string is not closed');
      emit({ kind: 'hex', value: hexBytes(b, i + 1, end) });
      i = end + 1;
    } else if (c === 0x28) {
      const { end, bytes } = skipLiteral(b, i);
      i = end;
      emit({ kind: 'str', value: bytes });
    } else if (c === 0x2f) {
      let j = i + 1;
      while (j < n && !CLASS[b[j]!]) j++;
      emit({ kind: 'name', value: latin1(b, i + 1, j) });
      i = j;
    } else {
      let j = i;
      while (j < n && !CLASS[b[j]!]) j++;
      if (j === i) unexpected('a content stream has a stray delimiter');
      const num = readNumber(b, i, j);
      emit(Number.isNaN(num) ? { kind: 'op', value: latin1(b, i, j) } : { kind: 'num', value: num });
      i = j;
    }
  }
}

/** A literal string from `(` at `start`: its bytes (escapes read) and the index after its closing `)`. */
function skipLiteral(b: Uint8Array, start: number): { end: number; bytes: number[] } {
  const bytes: number[] = [];
  let depth = 0;
  let i = start;
  while (i < b.length) {
    const c = b[i]!;
    if (c === 0x5c) {
      const e = b[i + 1]!;
      const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
      if (simple[e] !== undefined) {
        bytes.push(simple[e]);
        i += 2;
      }
      else if (e >= 0x30 && e <= 0x37) {
        let j = i + 1;
        let v = 0;
        while (j < i + 4 && b[j]! >= 0x30 && b[j]! <= 0x37) v = v * 8 + (b[j++]! - 0x30);
        bytes.push(v & 0xff);
        i = j;
      } else i += 2;
      continue;
    }
    if (c === 0x28) {
      depth++;
      if (depth > 1) bytes.push(c);
    } else if (c === 0x29) {
      depth--;
      if (depth === 0) return { end: i + 1, bytes };
      bytes.push(c);
    } else bytes.push(c);
    i++;
  }
  return unexpected('a string is not closed');
}

interface Shown {
  text: string;
  x: number;
  y: number;
  end: number;
  size: number;
}

/** The text a page's content streams show, one item per text-showing operator, with where it starts and ends. */
function pageItems(content: Uint8Array, fonts: Map<string, Font>, xobjects: (name: string) => boolean): Shown[] {
  const out: Shown[] = [];
  const stack: (Token & { kind: 'num' | 'name' | 'hex' | 'str' })[] = [];
  let array: (Token & { kind: 'num' | 'hex' | 'str' })[] | null = null;
  /** The array just closed: the operand of the operator that follows it (TJ; or a dash pattern, ignored). */
  let closed: (Token & { kind: 'num' | 'hex' | 'str' })[] | null = null;
  let inText = false;
  let font: Font | null = null;
  let size = 0;
  let tm = [1, 0, 0, 1, 0, 0];
  let line = [1, 0, 0, 1, 0, 0];
  let charSpacing = 0;
  let wordSpacing = 0;
  let scale = 1;
  const nums = (k: number) => {
    const xs = stack.slice(-k).map((t) => (t.kind === 'num' ? t.value : unexpected('an operator has the wrong operands')));
    if (xs.length !== k) unexpected('an operator is missing operands');
    return xs;
  };
  const show = (parts: (Token & { kind: 'num' | 'hex' | 'str' })[]) => {
    if (!font) return unexpected('text is shown with no font set');
    let text = '';
    let advance = 0;
    for (const p of parts) {
      if (p.kind === 'num') {
        advance -= (p.value / 1000) * size * scale;
        continue;
      }
      // Identity-H: two bytes per glyph.
      const bytes = p.value;
      if (bytes.length % 2) unexpected('a glyph string has an odd length');
      for (let i = 0; i < bytes.length; i += 2) {
        const g = (bytes[i]! << 8) | bytes[i + 1]!;
        const u = font.toUnicode.get(g);
        if (u === undefined) unexpected('a glyph has no ToUnicode entry');
        text += u;
        advance += (((font.widths.get(g) ?? font.defaultWidth) / 1000) * size + charSpacing + (u === ' ' ? wordSpacing : 0)) * scale;
      }
    }
    const x = tm[4]!;
    const y = tm[5]!;
    out.push({ text, x, y, end: x + advance * tm[0]!, size: size * Math.abs(tm[3]! || 1) });
    tm = [tm[0]!, tm[1]!, tm[2]!, tm[3]!, x + advance * tm[0]!, y];
  };
  tokens(content, (t) => {
    if (t.kind === 'open') {
      if (array) unexpected('an array inside an array');
      array = [];
      return;
    }
    if (t.kind === 'close') {
      if (!array) unexpected('an array is closed that was not opened');
      closed = array;
      array = null;
      return;
    }
    if (t.kind !== 'op') {
      if (array) {
        if (t.kind === 'name') unexpected('a name inside a text array');
        array.push(t as Token & { kind: 'num' | 'hex' | 'str' });
      } else stack.push(t);
      return;
    }
    switch (t.value) {
      case 'BT':
        inText = true;
        tm = [1, 0, 0, 1, 0, 0];
        line = [1, 0, 0, 1, 0, 0];
        break;
      case 'ET':
        inText = false;
        break;
      case 'Tf': {
        const name = stack.at(-2);
        if (name?.kind !== 'name') unexpected('Tf without a font name');
        font = fonts.get((name as { value: string }).value) ?? unexpected('a font is not in the page resources');
        size = nums(1)[0]!;
        break;
      }
      case 'Tm': {
        const [a, b, c, d, e, f] = nums(6);
        tm = [a!, b!, c!, d!, e!, f!];
        line = [...tm];
        break;
      }
      case 'Td':
      case 'TD': {
        const [tx, ty] = nums(2);
        line = [line[0]!, line[1]!, line[2]!, line[3]!, line[4]! + tx! * line[0]! + ty! * line[2]!, line[5]! + tx! * line[1]! + ty! * line[3]!];
        tm = [...line];
        break;
      }
      case 'Tc':
        charSpacing = nums(1)[0]!;
        break;
      case 'Tw':
        wordSpacing = nums(1)[0]!;
        break;
      case 'Tz':
        scale = nums(1)[0]! / 100;
        break;
      case 'TJ':
        if (!inText || !closed) unexpected('TJ outside a text object');
        show(closed!);
        break;
      case 'Tj': {
        const s = stack.at(-1);
        if (!inText || !s || (s.kind !== 'hex' && s.kind !== 'str')) unexpected('Tj without a string');
        show([s as Token & { kind: 'hex' | 'str' }]);
        break;
      }
      case "'":
      case '"':
      case 'T*':
        // PDFKit does not write these: leave the file to pdf.js rather than guess leading.
        unexpected(`the operator ${t.value} is not one this reader knows`);
        break;
      case 'Do': {
        const name = stack.at(-1);
        if (name?.kind !== 'name' || !xobjects((name as { value: string }).value)) unexpected('a form XObject may hold text');
        break;
      }
      case 'BI':
        unexpected('an inline image');
        break;
      default:
        break;
    }
    stack.length = 0;
    closed = null;
  });
  if (array) unexpected('an array is not closed');
  return out;
}

/** Items joined as a reader's tools join them: a new line where the baseline moves, a space across a gap. */
function joinItems(items: Shown[]): string {
  let text = '';
  let prev: Shown | null = null;
  for (const it of items) {
    if (prev) {
      const sameLine = Math.abs(it.y - prev.y) <= Math.max(prev.size, it.size) * 0.3;
      if (!sameLine) text += '\n';
      else if (it.x - prev.end > Math.max(prev.size, it.size) * 0.1 && !/\s$/.test(text) && !/^\s/.test(it.text)) text += ' ';
    }
    text += it.text;
    prev = it;
  }
  return text;
}

const decodeText = (o: PDFObject | undefined): string | null => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : null);

/** Reads a PDF this app rendered; throws `NotOurPdf` for anything it does not recognise, or cannot read whole. */
export async function readOwnPdf(data: Uint8Array): Promise<PdfTextSources> {
  try {
    return await read(data);
  } catch (e) {
    if (e instanceof NotOurPdf) throw e;
    throw new NotOurPdf(`it could not be read whole: ${(e as Error).message}`);
  }
}

async function read(data: Uint8Array): Promise<PdfTextSources> {
  const doc = await PDFDocument.load(data, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest, throwOnInvalidObject: true });
  if (doc.isEncrypted) unexpected('encrypted');
  const ctx = doc.context;
  const pages: string[] = [];
  const links: string[] = [];
  const fontCache = new Map<PDFDict, Font>();
  for (const page of doc.getPages()) {
    const node = page.node;
    const resources = node.Resources();
    const fonts = new Map<string, Font>();
    const fontDict = resources?.lookup(PDFName.of('Font'));
    if (fontDict instanceof PDFDict) {
      for (const [k, v] of fontDict.entries()) {
        const d = ctx.lookup(v);
        if (!(d instanceof PDFDict)) unexpected('a font is not a dictionary');
        let f = fontCache.get(d as PDFDict);
        if (!f) fontCache.set(d as PDFDict, (f = readFont(doc, d as PDFDict)));
        fonts.set(k.asString().slice(1), f);
      }
    }
    const xobjectDict = resources?.lookup(PDFName.of('XObject'));
    const isImage = (name: string) => {
      if (!(xobjectDict instanceof PDFDict)) return false;
      const x = xobjectDict.lookup(PDFName.of(name));
      return x instanceof PDFStream && x.dict.lookup(PDFName.of('Subtype')) === PDFName.of('Image');
    };
    const contents = node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => ctx.lookup(r)) : contents ? [contents] : [];
    const parts = streams.map((s) => streamBytes(s));
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      joined[at + p.length] = 0x0a;
      at += p.length + 1;
    }
    pages.push(joinItems(pageItems(joined, fonts, isImage)));
    const annots = node.Annots();
    for (const a of annots?.asArray() ?? []) {
      const annot = ctx.lookup(a);
      if (!(annot instanceof PDFDict)) continue;
      const action = annot.lookup(PDFName.of('A'));
      const uri = action instanceof PDFDict ? decodeText(action.lookup(PDFName.of('URI'))) : null;
      if (uri) links.push(uri);
      const contentsText = decodeText(annot.lookup(PDFName.of('Contents')));
      if (contentsText) links.push(contentsText);
    }
  }

  const bookmarks: string[] = [];
  const outlines = doc.catalog.lookup(PDFName.of('Outlines'));
  const seen = new Set<PDFObject>();
  const walk = (first: PDFObject | undefined) => {
    let node = first instanceof PDFRef ? ctx.lookup(first) : first;
    while (node instanceof PDFDict && !seen.has(node)) {
      seen.add(node);
      const title = decodeText(node.lookup(PDFName.of('Title')));
      if (title !== null) bookmarks.push(title);
      walk(node.get(PDFName.of('First')));
      const next = node.get(PDFName.of('Next'));
      node = next instanceof PDFRef ? ctx.lookup(next) : undefined;
    }
  };
  if (outlines instanceof PDFDict) walk(outlines.get(PDFName.of('First')));

  const info: Record<string, string> = {};
  const infoDict = ctx.lookup(ctx.trailerInfo.Info);
  if (infoDict instanceof PDFDict) {
    for (const [k, v] of infoDict.entries()) {
      const t = decodeText(ctx.lookup(v));
      if (t) info[k.asString().slice(1)] = t;
    }
  }
  const meta = doc.catalog.lookup(PDFName.of('Metadata'));
  const xmp = meta ? Buffer.from(streamBytes(meta)).toString('utf8') : null;

  // Alternative and actual text of the structure tree's elements: read aloud in place of what they tag.
  const alternates: string[] = [];
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'));
  if (root instanceof PDFDict) {
    const visited = new Set<PDFObject>();
    const queue: PDFObject[] = [root];
    while (queue.length) {
      const o = queue.pop()!;
      const d = o instanceof PDFRef ? ctx.lookup(o) : o;
      if (visited.has(d!)) continue;
      visited.add(d!);
      if (d instanceof PDFArray) {
        queue.push(...d.asArray());
        continue;
      }
      if (!(d instanceof PDFDict)) continue;
      for (const key of ['Alt', 'ActualText', 'E', 'T']) {
        const t = decodeText(d.lookup(PDFName.of(key)));
        if (t) alternates.push(t);
      }
      const kids = d.get(PDFName.of('K'));
      if (kids && (kids instanceof PDFArray || kids instanceof PDFRef || kids instanceof PDFDict)) queue.push(kids);
    }
  }
  return { pages, bookmarks, info, xmp, links, alternates };
}
