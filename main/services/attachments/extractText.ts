import mammoth from 'mammoth';
import PostalMime from 'postal-mime';
import type { FileKind } from './fileTypes';
import type { ReadLimits } from './limits';
import { PAGE_BREAK, capText, charsNotice, decodeText, type Extracted } from './text';
import { checkPdfStreams } from './pdfCheck';
import { checkDocxArchive } from './zipCheck';

/**
 * The searchable text of a file. The readers here run inside the extraction worker (extractWorker.ts), never
 * on the main thread, except plain text, which is only decoded. Text beyond the limits is not indexed and the
 * result says so in a sentence for the person.
 */

export { PAGE_BREAK } from './text';

async function pdfText(data: Buffer, limits: ReadLimits, subject: string, outcome: string): Promise<Extracted> {
  checkPdfStreams(data, limits, subject, outcome);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    let chars = 0;
    const last = Math.min(doc.numPages, limits.maxPdfPages);
    const stopAt = performance.now() + limits.pdfReadMs;
    let outOfTime = false;
    for (let i = 1; i <= last && chars <= limits.maxTextChars; i++) {
      if (i > 1 && performance.now() > stopAt) {
        outOfTime = true;
        break;
      }
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      const text = content.items
        .map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : ''))
        .join('')
        .replace(/[ \t]+/g, ' ');
      pages.push(text);
      chars += text.length + 1;
      page.cleanup();
    }
    const n = pages.length;
    const pagesNotice = outOfTime
      ? `Only the first ${n === 1 ? 'page' : `${n.toLocaleString('en-GB')} pages`} of this file ${n === 1 ? 'is' : 'are'} searchable (it has ${doc.numPages.toLocaleString('en-GB')}; reading more would have taken too long).`
      : doc.numPages > limits.maxPdfPages
        ? `Only the first ${limits.maxPdfPages.toLocaleString('en-GB')} pages of this file are searchable (it has ${doc.numPages.toLocaleString('en-GB')}).`
        : null;
    const r = capText(pages.join(PAGE_BREAK), limits, pagesNotice);
    // Stopped early on characters: the pages after were never read.
    return r.notice === null && chars > limits.maxTextChars ? { ...r, notice: charsNotice(limits) } : r;
  } finally {
    await doc.destroy();
  }
}

async function emlText(data: Buffer): Promise<string> {
  const mail = await PostalMime.parse(data, { maxNestingDepth: 50 });
  const who = (a: { name?: string; address?: string } | undefined) => (a ? [a.name, a.address && `<${a.address}>`].filter(Boolean).join(' ') : '');
  const header = [
    `From: ${who(mail.from)}`,
    `To: ${(mail.to ?? []).map((t) => who(t as { name?: string; address?: string })).join(', ')}`,
    `Date: ${mail.date ?? ''}`,
    `Subject: ${mail.subject ?? ''}`,
  ].join('\n');
  const body = mail.text ?? (mail.html ? mail.html.replace(/<[^>]+>/g, ' ') : '');
  return `${header}\n\n${body}`;
}

/**
 * Reads a file's text inside the worker. A Refusal (from the archive and stream checks) propagates: the file
 * is refused. Any other failure keeps the file without searchable text and says why.
 */
export async function extractTextInWorker(kind: FileKind, data: Buffer, limits: ReadLimits, subject: string, outcome: string): Promise<Extracted> {
  if (kind.label === 'Word document') checkDocxArchive(data, limits, subject, outcome);
  try {
    if (kind.mime === 'application/pdf') return await pdfText(data, limits, subject, outcome);
    if (kind.label === 'Word document') return capText((await mammoth.extractRawText({ buffer: data })).value, limits);
    if (kind.mime === 'message/rfc822') return capText(await emlText(data), limits);
    if (kind.mime === 'text/plain') return capText(decodeText(data), limits);
    return { text: '', problem: null, notice: null };
  } catch (e) {
    if ((e as Error).name === 'Refusal') throw e;
    // The reader's own words ("Corrupted zip ?", "Invalid PDF structure.") are not for the person.
    return { text: '', problem: 'Its text could not be read for search (it may be damaged or unusually made); the file itself is kept.', notice: null };
  }
}
