import { count, type ReadLimits } from './limits';

/**
 * Text helpers shared by the main thread and the extraction worker. Kept apart from extractText.ts so the main
 * process does not load the readers (mammoth, postal-mime, pdf.js) it never runs itself.
 */

/** Pages of a PDF are separated by a form feed, so a search hit can say which page it is on. */
export const PAGE_BREAK = '\f';

export interface Extracted {
  text: string;
  /** Set when the text could not be read; the file itself is kept. */
  problem: string | null;
  /** Set when only part of the text is searchable ("Only the first 2 million characters …"). */
  notice: string | null;
}

export const charsNotice = (l: ReadLimits) => `Only the first ${count(l.maxTextChars)} characters of this file are searchable.`;

/** Cuts text to the character limit (never inside a surrogate pair) and says so. */
export function capText(text: string, limits: ReadLimits, notice: string | null = null): Extracted {
  if (text.length <= limits.maxTextChars) return { text, problem: null, notice };
  let cut = limits.maxTextChars;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return { text: text.slice(0, cut), problem: null, notice: charsNotice(limits) };
}

/** Text files: UTF-8 (the usual), UTF-16 with a byte-order mark, or Windows-1252 from older systems. */
export function decodeText(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder('windows-1252').decode(data);
  }
}

