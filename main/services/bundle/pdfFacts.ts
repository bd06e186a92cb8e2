import { EncryptedPDFError, ParseSpeeds, PDFDocument } from 'pdf-lib';
import { UserError } from '../errors';

/**
 * What the pre-build checks need to know of a PDF, read with pdf-lib (structure, encryption) and pdf.js (text
 * layer, as a reader's tools see it). A file that is encrypted or cannot be read is refused with a sentence.
 */
export interface PageFacts {
  width: number;
  height: number;
  rotate: number;
  hasText: boolean;
  /**
   * Degrees to add to the page's /Rotate (clockwise, as /Rotate turns) so that most of its text reads left to
   * right as shown: 0 for a page that reads the right way up, or whose text direction is unknown (a scan).
   */
  turn: number;
}
export interface PdfFacts {
  pages: PageFacts[];
}

const A4 = { w: 595.28, h: 841.89 };
const MM = 25.4 / 72;

export async function loadPdf(name: string, data: Uint8Array): Promise<PDFDocument> {
  let doc: PDFDocument;
  try {
    // Parsed in one go: pdf-lib's default pauses for a timer tick (at least 1 ms) every 100 objects, which for
    // tagged sources (an object per paragraph) was most of a build's time spent waiting (docs/benchmarks.md).
    doc = await PDFDocument.load(data, { updateMetadata: false, throwOnInvalidObject: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (e) {
    if (e instanceof EncryptedPDFError || hasEncryptDict(data)) throw encrypted(name);
    throw damaged(name);
  }
  if (doc.isEncrypted) throw encrypted(name);
  // A file whose page tree is missing or broken parses, then fails when its pages are counted.
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch {
    throw damaged(name);
  }
  if (pages === 0) throw damaged(name);
  return doc;
}

/** The trailer (or cross-reference stream) names an /Encrypt dictionary: the file is encrypted. */
const hasEncryptDict = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes('/Encrypt');

const encrypted = (name: string) =>
  new UserError('INVALID_INPUT', `“${name}” is encrypted (protected with a password), so its pages cannot be copied into the pack; ask for an unprotected copy, or open it and save it again without protection, then add that.`);
const damaged = (name: string) =>
  new UserError('INVALID_INPUT', `“${name}” could not be read as a PDF (it looks damaged or incomplete); open it in a PDF reader and save or print it to a new PDF, then add that.`);

/** Reads every page's size, rotation and whether it has a text layer. */
export async function pdfFacts(name: string, data: Uint8Array): Promise<PdfFacts> {
  const structure = await loadPdf(name, data);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  } catch (e) {
    if ((e as { name?: string })?.name === 'PasswordException') throw encrypted(name);
    throw damaged(name);
  }
  try {
    if (doc.numPages !== structure.getPageCount()) throw damaged(name);
    const pages: PageFacts[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const hasText = content.items.some((it) => 'str' in it && /\p{L}|\p{N}/u.test(it.str));
      const rotate = ((page.rotate % 360) + 360) % 360;
      pages.push({ width: Math.abs(x1 - x0), height: Math.abs(y1 - y0), rotate, hasText, turn: turnForReading(content.items as { str?: string; transform?: number[] }[], rotate) });
      page.cleanup();
    }
    return { pages };
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw damaged(name);
  } finally {
    await doc.destroy();
  }
}

/**
 * How far a page must turn for its text to read left to right as shown. Each run of text votes with its
 * letters for the direction it runs on the page as shown (its angle in the page's own space, less the page's
 * /Rotate); a direction other than left to right that holds more than half the letters (and at least 20 of
 * them) is turned upright. A page with mixed text (a table with a sideways heading) stays as it is.
 */
export function turnForReading(items: { str?: string; transform?: number[] }[], rotate: number): number {
  const votes = new Map<number, number>();
  let total = 0;
  for (const it of items) {
    if (!it.str || !it.transform) continue;
    const letters = [...it.str].filter((c) => /\p{L}|\p{N}/u.test(c)).length;
    if (!letters) continue;
    const [a, b] = it.transform as [number, number];
    // Counter-clockwise degrees in the page's space, then as shown: /Rotate turns the page clockwise.
    const angle = (Math.atan2(b, a) * 180) / Math.PI;
    const shown = (((Math.round(angle / 90) * 90 - rotate) % 360) + 360) % 360;
    votes.set(shown, (votes.get(shown) ?? 0) + letters);
    total += letters;
  }
  if (total < 20) return 0;
  const [dir, count] = [...votes].sort((x, y) => y[1] - x[1])[0]!;
  if (dir === 0 || count * 2 <= total) return 0;
  // Text running at `dir` degrees counter-clockwise as shown reads upright once the page turns `dir` clockwise.
  return dir;
}

/** "pages 1, 3 and 5–7". */
export function pageList(nums: number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    runs.push(i === j ? String(nums[i]) : `${nums[i]}–${nums[j]}`);
    i = j + 1;
  }
  const list = runs.length > 1 ? `${runs.slice(0, -1).join(', ')} and ${runs.at(-1)}` : runs[0]!;
  return `${nums.length === 1 ? 'page' : 'pages'} ${list}`;
}

/** Each page (1-based) the pack turns for reading, and by how much: kept on the pack entry. */
export const turnsOf = (facts: PdfFacts) => facts.pages.flatMap((p, i) => (p.turn ? [{ page: i + 1, by: p.turn as 90 | 180 | 270 }] : []));

/** The check sentences for one PDF (empty when it is all searchable A4 portrait). */
export function factNotes(name: string, facts: PdfFacts): string[] {
  const notes: string[] = [];
  const idx = (f: (p: PageFacts) => boolean) => facts.pages.flatMap((p, i) => (f(p) ? [i + 1] : []));
  const noText = idx((p) => !p.hasText);
  if (noText.length) notes.push(`“${name}” has no searchable text on ${pageList(noText)} (a scan or picture); readers cannot search or copy those pages, so have them read by OCR if the panel needs to search them.`);
  // As the pack shows it: turned for reading where the text runs sideways or upside down.
  const seen = (p: PageFacts) => ((p.rotate + p.turn) % 180 === 0 ? { w: p.width, h: p.height } : { w: p.height, h: p.width });
  const turned = idx((p) => p.turn !== 0);
  if (turned.length) notes.push(`“${name}” has ${pageList(turned)} whose text runs sideways or upside down as the file shows ${turned.length === 1 ? 'it' : 'them'}; the pack turns ${turned.length === 1 ? 'it' : 'them'} so the text reads the right way up on screen, with the page number at the foot of the page as read.`);
  const landscape = idx((p) => seen(p).w > seen(p).h);
  if (landscape.length) notes.push(`“${name}” has landscape ${pageList(landscape)}, shown landscape so ${landscape.length === 1 ? 'it reads' : 'they read'} the right way up on screen, with the page number at the foot of the page as read; printed on A4 ${landscape.length === 1 ? 'it is' : 'they are'} turned to fit.`);
  const isA4 = (p: PageFacts) => {
    const s = [p.width, p.height].sort((a, b) => a - b);
    return Math.abs(s[0]! - A4.w) < 3 && Math.abs(s[1]! - A4.h) < 3;
  };
  const other = idx((p) => !isA4(p));
  if (other.length) {
    const p = facts.pages[other[0]! - 1]!;
    notes.push(`“${name}” has ${pageList(other)} in a size other than A4 (${Math.round(p.width * MM)} × ${Math.round(p.height * MM)} mm); they are kept at their size, so check how they print.`);
  }
  return notes;
}
