import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import type { DocumentModel } from '../../../shared/documents/model';
import { textWithPlaces } from '../../../shared/documents/normalise';

/**
 * The fonts embedded in every PDF and named by every Word file: Liberation Sans 2.1 (SIL Open Font Licence,
 * from Debian's fonts-liberation2), metric-compatible with Arial, in regular, bold, italic and bold italic.
 * It covers the Latin alphabets in full (Vietnamese, Welsh, Polish, Turkish, Romanian, Irish), modern Greek
 * and Cyrillic. docs/decisions.md says why this font.
 */
function resourcesDir(): string {
  const candidates = [
    process.env.CASEWRIGHT_RESOURCES,
    // Packaged Electron app: resources/ sits beside app.asar.
    (process as { resourcesPath?: string }).resourcesPath && path.join((process as { resourcesPath?: string }).resourcesPath!, 'resources'),
    // From source (tests, CLI): main/services/documents/ → resources/.
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources'),
    // From the electron-vite bundle: out/main/ → resources/.
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources'),
    path.resolve(process.cwd(), 'resources'),
  ].filter((x): x is string => typeof x === 'string');
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'fonts', 'LiberationSans-Regular.ttf')));
  if (!found) throw new Error('The report fonts are missing from resources/fonts; reinstall Casewright.');
  return found;
}

type Style = 'regular' | 'bold' | 'italic' | 'boldItalic';
let cache: Record<Style, Buffer> | null = null;

export function reportFonts(): Record<Style, Buffer> {
  if (!cache) {
    const dir = path.join(resourcesDir(), 'fonts');
    const read = (f: string) => fs.readFileSync(path.join(dir, f));
    cache = {
      regular: read('LiberationSans-Regular.ttf'),
      bold: read('LiberationSans-Bold.ttf'),
      italic: read('LiberationSans-Italic.ttf'),
      boldItalic: read('LiberationSans-BoldItalic.ttf'),
    };
  }
  return cache;
}

/** The font Word documents name: the same family the PDF embeds. */
export const WORD_FONT = 'Liberation Sans';

/**
 * fontkit keeps one glyph object per glyph id, holding the code points of whichever call made it first. The
 * subset writer makes the parts of a composed glyph (the "Ư" inside "Ừ", the "Α" inside "Ά") with none, and as
 * the faces are shared by every document of a process (issue 15), a later document drawing that letter got a
 * glyph with no text: its ToUnicode entry was empty and the letter vanished from the PDF's text layer (screen
 * readers, search, copying, and the leak check's reading of the PDF). A glyph asked for with its code points
 * now keeps them. The hearing pack's fonts (pdf-lib's fontkit, also parsed once per process) need the same.
 */
export function keepCodePoints<F extends object>(font: F): F {
  const withGlyphs = font as unknown as { getGlyph: (id: number, codePoints?: number[]) => { codePoints: number[] } | null };
  const getGlyph = withGlyphs.getGlyph.bind(font);
  withGlyphs.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph && codePoints.length && glyph.codePoints.length === 0) glyph.codePoints = codePoints;
    return glyph;
  };
  return font;
}

let faces: fontkit.Font[] | null = null;
function fontFaces(): fontkit.Font[] {
  faces ??= Object.values(reportFonts()).map((b) => keepCodePoints(fontkit.create(b) as fontkit.Font));
  return faces;
}

/**
 * The four faces, parsed once, under the names the PDF renderer registers them by. PDFKit takes a parsed
 * fontkit font as it is (and makes a new subset of it for each document).
 */
export function pdfFaces(): Record<'Regular' | 'Bold' | 'Italic' | 'BoldItalic', fontkit.Font> {
  const [regular, bold, italic, boldItalic] = fontFaces();
  return { Regular: regular!, Bold: bold!, Italic: italic!, BoldItalic: boldItalic! };
}

/** The width in points of `text` set in the report font at `size` (for fitting the running header). */
export function textWidth(text: string, size: number, style: 'regular' | 'bold' = 'regular'): number {
  const face = fontFaces()[style === 'bold' ? 1 : 0]!;
  return (face.layout(text).advanceWidth / face.unitsPerEm) * size;
}

/**
 * The running header's type size: 8.5 pt, smaller for a long marking and reference, so the header stays one
 * line in both formats (the text width of A4 less the PDF's margins; Word's are within a point of it).
 */
export function headerFontSize(left: string, right: string, width = 459.28): number {
  for (let size = 8.5; size > 6; size -= 0.5) if (textWidth(`${left}  ${right}`, size, 'bold') + 16 <= width) return size;
  return 6;
}

/** Whether every face draws a code point, asked of the fonts' character maps once per process (issue 15). */
const drawable = new Map<number, boolean>();

/** Characters that are layout, not letters: they need no glyph of their own. */
const INVISIBLE = /[\s\p{Cc}\p{Cf}]/u;

/**
 * Characters of the model (taken in NFC) that some report font style cannot draw, with where they are. A PDF
 * is never written with a silent box in it: the renderer refuses and says which characters, and where.
 */
export function missingGlyphs(model: DocumentModel): { where: string; chars: string[] }[] {
  const fonts = fontFaces();
  const out: { where: string; chars: string[] }[] = [];
  for (const { where, text } of textWithPlaces(model)) {
    const missing = new Set<string>();
    for (const ch of text.normalize('NFC')) {
      if (INVISIBLE.test(ch)) continue;
      const cp = ch.codePointAt(0)!;
      let drawn = drawable.get(cp);
      if (drawn === undefined) drawable.set(cp, (drawn = fonts.every((f) => f.hasGlyphForCodePoint(cp))));
      if (!drawn) missing.add(ch);
    }
    if (missing.size) out.push({ where, chars: [...missing] });
  }
  return out;
}

const quoteList = (xs: string[]) => {
  const q = xs.map((x) => `“${x}”`);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')} and ${q.at(-1)}` : q[0] ?? '';
};

/** One sentence naming the characters the PDF cannot show and where they are. */
export function missingGlyphsSentence(found: { where: string; chars: string[] }[]): string {
  const chars = [...new Set(found.flatMap((f) => f.chars))];
  const places = [...new Set(found.map((f) => f.where))];
  const shown = places.slice(0, 3).join('; ') + (places.length > 3 ? `; and ${places.length - 3} more places` : '');
  return `The PDF cannot show ${quoteList(chars.slice(0, 12))}${chars.length > 12 ? ` and ${chars.length - 12} more characters` : ''} (in ${shown}); remove or replace them, or export as Word.`;
}
