import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import pdfLibFontkit, { type Font } from '@pdf-lib/fontkit';
import { foldChar } from '../../../shared/documents/fold';
import { reportFonts } from '../documents/fonts';

/**
 * Redaction that removes the words, not only covers them (issue 16). A page that holds a redacted phrase is
 * drawn to a picture (pdf.js onto a canvas), the phrase's place painted black on the picture, and the page
 * replaced in the pack by that picture with an invisible text layer carrying the rest of the page's words, so
 * they stay searchable and the redacted ones exist nowhere in the file. docs/decisions.md says why this way.
 */

export interface RedactRequest {
  phrase: string;
  reason: string;
}

/** A word run of the invisible layer, in PDF points from the bottom left of the new page. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  size: number;
  /** Radians, counter-clockwise. */
  angle: number;
  /** The width the run had on the original page, so the layer lines up with the picture. */
  width: number;
}

export interface RedactedPage {
  pageIndex: number;
  jpeg: Uint8Array;
  width: number;
  height: number;
  runs: TextRun[];
  /** What was removed from this page and why (one line per phrase). */
  removed: { phrase: string; reason: string; occurrences: number }[];
}

/**
 * Where in a run of text a character starts, as a share of the run's width: measured with Liberation Sans,
 * whose widths are Arial's and Helvetica's, so exact for the usual fonts and close for others (the black box
 * has a margin besides).
 */
let metrics: Font | null = null;
function shareBefore(str: string, at: number): number {
  metrics ??= pdfLibFontkit.create(reportFonts().regular);
  const whole = metrics.layout(str).advanceWidth;
  if (!whole) return at / (str.length || 1);
  return metrics.layout(str.slice(0, at)).advanceWidth / whole;
}

/** Picture resolution of a redacted page: 2 × 72 = 144 dots per inch, readable on screen and on paper. */
const SCALE = 2;

interface Item {
  str: string;
  transform: number[];
  width: number;
}

/** Spaces, apostrophes and invisible characters: they fold to nothing, and go with the words around them. */
const isBridge = (c: string) => /\s/u.test(c) || foldChar(c).trim() === '';

/**
 * Every (item, character) covered by an occurrence of `phrase`: folded as the leak check folds names (case,
 * accents, Turkish dotless i, ß, apostrophes, dashes), whitespace ignored, so "ŞÜKRÜ YILMAZ" finds "Şükrü Yılmaz".
 */
function occurrences(items: Item[], phrase: string): { hits: number; cover: [number, number][] } {
  const target = [...phrase.normalize('NFC')].flatMap((c) => [...foldChar(c)]).filter((c) => !/\s/u.test(c));
  if (target.length === 0) return { hits: 0, cover: [] };
  const flat: { c: string; item: number; at: number }[] = [];
  items.forEach((it, i) => {
    let at = 0;
    for (const c of it.str) {
      for (const f of foldChar(c)) if (!/\s/u.test(f)) flat.push({ c: f, item: i, at });
      at += c.length;
    }
  });
  const cover: [number, number][] = [];
  let hits = 0;
  for (let s = 0; s + target.length <= flat.length; s++) {
    let ok = true;
    for (let k = 0; k < target.length && ok; k++) if (flat[s + k]!.c !== target[k]) ok = false;
    if (!ok) continue;
    hits++;
    for (let k = 0; k < target.length; k++) cover.push([flat[s + k]!.item, flat[s + k]!.at]);
    s += target.length - 1;
  }
  return { hits, cover };
}

type PdfjsDoc = Awaited<ReturnType<typeof import('pdfjs-dist/legacy/build/pdf.mjs').getDocument>['promise']>;

/** pdf.js's own copies of the 14 standard fonts, which a PDF may use without embedding them. */
let fontsDir: string | null = null;
function standardFonts(): string {
  fontsDir ??= path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep;
  return fontsDir;
}

/** Opens a PDF with pdf.js for reading text and drawing pages. */
export async function openPdfjs(data: Uint8Array): Promise<PdfjsDoc> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, standardFontDataUrl: standardFonts(), verbosity: 0 }).promise;
}

/** The text of each page as pdf.js reads it (for the leak check of evidence pages). */
export async function pageTexts(doc: PdfjsDoc): Promise<string[]> {
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    out.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : ' ') : '')).join(''));
    page.cleanup();
  }
  return out;
}

/**
 * Redacts `requests` (for all pages) and `perPage` (phrases the leak check found on a page) wherever they occur;
 * returns the replaced pages only.
 */
/**
 * `opts.annotations: false` (the complainant's version of a file we did not make): the picture is drawn without
 * the page's annotations (form entries, typed-on notes, stamps), whose words the leak check does not read and
 * the black boxes could not cover. `opts.only`: that page alone (a preview).
 */
export async function redactPages(doc: PdfjsDoc, requests: RedactRequest[], perPage: Map<number, RedactRequest[]> = new Map(), opts: { annotations?: boolean; only?: number } = {}): Promise<RedactedPage[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const out: RedactedPage[] = [];
  for (let i = 0; i < doc.numPages; i++) {
    if (opts.only !== undefined && opts.only !== i) continue;
    const asks = [...requests, ...(perPage.get(i) ?? [])];
    if (asks.length === 0) continue;
    const page = await doc.getPage(i + 1);
    const content = await page.getTextContent();
    // NFC once, so positions found while matching are positions while drawing.
    const items: Item[] = content.items.filter((it): it is typeof it & Item => 'str' in it).map((it) => ({ str: it.str.normalize('NFC'), transform: it.transform, width: it.width }));
    const covered = new Set<string>();
    const removed: RedactedPage['removed'] = [];
    for (const a of asks) {
      const { hits, cover } = occurrences(items, a.phrase);
      if (!hits) continue;
      for (const [item, at] of cover) covered.add(`${item}:${at}`);
      const same = removed.find((r) => r.phrase === a.phrase && r.reason === a.reason);
      if (same) same.occurrences += hits;
      else removed.push({ phrase: a.phrase, reason: a.reason, occurrences: hits });
    }
    if (!removed.length) {
      page.cleanup();
      continue;
    }
    const vp = page.getViewport({ scale: SCALE });
    const vp1 = page.getViewport({ scale: 1 });
    const canvas = createCanvas(Math.ceil(vp.width), Math.ceil(vp.height));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: ctx as never, viewport: vp, canvas: canvas as never, ...(opts.annotations === false ? { annotationMode: pdfjs.AnnotationMode.DISABLE } : {}) }).promise;
    const runs: TextRun[] = [];
    ctx.fillStyle = '#000000';
    items.forEach((it, n) => {
      const chars = [...it.str];
      const len = it.str.length || 1;
      const t = pdfjs.Util.transform(vp.transform, it.transform) as number[];
      const t1 = pdfjs.Util.transform(vp1.transform, it.transform) as number[];
      const size1 = Math.hypot(t1[2]!, t1[3]!);
      const norm = Math.hypot(t[0]!, t[1]!) || 1;
      const right = [t[0]! / norm, t[1]! / norm];
      const up = [t[2]!, t[3]!];
      const widthPx = it.width * SCALE;
      // Runs of covered and uncovered characters.
      let at = 0;
      let runStart = 0;
      let runText = '';
      let runCovered: boolean | null = null;
      const flush = (end: number) => {
        if (runCovered === null || end <= runStart) return;
        const from = widthPx * shareBefore(it.str, runStart);
        const to = widthPx * shareBefore(it.str, end);
        if (runCovered) {
          // A margin of half a character each side and below the baseline, so no stroke of a letter survives.
          const pad = (widthPx / len) * 0.6;
          const a = from - pad;
          const b = to + pad;
          const corner = (s: number, u: number) => [t[4]! + right[0]! * s + up[0]! * u, t[5]! + right[1]! * s + up[1]! * u] as const;
          const pts = [corner(a, -0.35), corner(b, -0.35), corner(b, 1.1), corner(a, 1.1)];
          ctx.beginPath();
          ctx.moveTo(pts[0]![0], pts[0]![1]);
          for (const p of pts.slice(1)) ctx.lineTo(p[0], p[1]);
          ctx.closePath();
          ctx.fill();
        } else if (runText.trim()) {
          const offset = it.width * shareBefore(it.str, runStart);
          const x = t1[4]! + (t1[0]! / (Math.hypot(t1[0]!, t1[1]!) || 1)) * offset;
          const yDev = t1[5]! + (t1[1]! / (Math.hypot(t1[0]!, t1[1]!) || 1)) * offset;
          runs.push({ text: runText, x, y: vp1.height - yDev, size: size1, angle: Math.atan2(-t1[1]!, t1[0]!), width: it.width * (shareBefore(it.str, end) - shareBefore(it.str, runStart)) });
        }
      };
      for (const c of chars) {
        const isCovered: boolean = covered.has(`${n}:${at}`) || (isBridge(c) && runCovered === true && nextCovered(covered, n, at + c.length, it.str));
        if (runCovered !== isCovered) {
          flush(at);
          runStart = at;
          runText = '';
          runCovered = isCovered;
        }
        runText += c;
        at += c.length;
      }
      flush(at);
    });
    const jpeg = await canvas.encode('jpeg', 88);
    out.push({ pageIndex: i, jpeg: new Uint8Array(jpeg), width: vp1.width, height: vp1.height, runs, removed });
    page.cleanup();
  }
  return out;
}

/** Whether the next non-space character of the item is covered (spaces inside a redacted phrase go with it). */
function nextCovered(covered: Set<string>, item: number, from: number, str: string): boolean {
  for (let at = from; at < str.length; at++) if (!isBridge(str[at]!)) return covered.has(`${item}:${at}`);
  return false;
}

/** One page drawn as a PNG (for the preview before building), `width` pixels wide. */
export async function pagePng(doc: PdfjsDoc, pageIndex: number, width = 700): Promise<Uint8Array> {
  const page = await doc.getPage(pageIndex + 1);
  try {
    const vp1 = page.getViewport({ scale: 1 });
    const vp = page.getViewport({ scale: width / vp1.width });
    const canvas = createCanvas(Math.ceil(vp.width), Math.ceil(vp.height));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: ctx as never, viewport: vp, canvas: canvas as never }).promise;
    return new Uint8Array(await canvas.encode('png'));
  } finally {
    page.cleanup();
  }
}
