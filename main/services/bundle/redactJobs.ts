import type { DocumentKind } from '../../../shared/documents/model';
import type { CaseRecord } from '../../../shared/domain/case';
import { findLeaks } from '../documents/leakCheck';
import { openPdfjs, pagePng, pageTexts, redactPages, type RedactRequest, type RedactedPage } from './redact';

/**
 * The hearing pack's drawing of pages with pdf.js, as jobs for the isolated worker (attachments/isolate.ts):
 * a file we did not make is read and drawn there, with a time and a memory limit, never on the main process's
 * thread that answers every window request. Everything here is data in and data out.
 */

/** The leak check of a complainant's version of a file, as data: the case's register and whose rules apply. */
export interface LeakRules {
  record: CaseRecord;
  rules: DocumentKind;
  title: string;
}

/** The phrases on one page of text that the complainant's version must not carry, each with its reason. */
export function leaksOn(leak: LeakRules, text: string): RedactRequest[] {
  return findLeaks(leak.record, leak.rules, [{ where: leak.title, text }]).map((h) => ({
    phrase: h.matched,
    reason: `Leak check: names ${h.person}, whom the complainant’s version must not name`,
  }));
}

/**
 * The pages of a file to replace for one recipient: those holding a phrase to redact, or (with `leak`) a name
 * the complainant must not see, drawn without annotations in that case. `only`: that page alone (a preview).
 */
export async function redactFile(data: Uint8Array, requests: RedactRequest[], leak: LeakRules | null, only?: number): Promise<RedactedPage[]> {
  const pj = await openPdfjs(data);
  try {
    const perPage = new Map<number, RedactRequest[]>();
    if (leak) {
      const texts = await pageTexts(pj);
      texts.forEach((t, i) => {
        if (only === undefined || only === i) perPage.set(i, leaksOn(leak, t));
      });
    }
    const pages = await redactPages(pj, requests, perPage, { annotations: !leak, ...(only === undefined ? {} : { only }) });
    return pages;
  } finally {
    await pj.destroy();
  }
}

/** One page as a PNG for the preview, or null past the file's last page. */
export async function pageImage(data: Uint8Array, pageIndex: number): Promise<Uint8Array | null> {
  const pj = await openPdfjs(data);
  try {
    return pageIndex < pj.numPages ? await pagePng(pj, pageIndex) : null;
  } finally {
    await pj.destroy();
  }
}
