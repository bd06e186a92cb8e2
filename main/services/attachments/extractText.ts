import mammoth from 'mammoth';
import PostalMime from 'postal-mime';
import type { FileKind } from './fileTypes';

/** Pages of a PDF are separated by a form feed, so a search hit can say which page it is on. */
export const PAGE_BREAK = '\f';

async function pdfText(data: Buffer): Promise<string> {
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
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : ''))
          .join('')
          .replace(/[ \t]+/g, ' '),
      );
      page.cleanup();
    }
    return pages.join(PAGE_BREAK);
  } finally {
    await doc.destroy();
  }
}

async function emlText(data: Buffer): Promise<string> {
  const mail = await PostalMime.parse(data);
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

/** The searchable text of a file; images have none (no OCR). Failures are reported, not thrown. */
export async function extractText(kind: FileKind, data: Buffer): Promise<{ text: string; problem: string | null }> {
  try {
    if (kind.mime === 'application/pdf') return { text: await pdfText(data), problem: null };
    if (kind.label === 'Word document') return { text: (await mammoth.extractRawText({ buffer: data })).value, problem: null };
    if (kind.mime === 'message/rfc822') return { text: await emlText(data), problem: null };
    if (kind.mime === 'text/plain') return { text: data.toString('utf8'), problem: null };
    return { text: '', problem: null };
  } catch (e) {
    return { text: '', problem: `Its text could not be read for search (${(e as Error).message}); the file itself is kept.` };
  }
}
