import { IsolatedWorker } from '../attachments/isolate';
import { DEFAULT_LIMITS, type ReadLimits } from '../attachments/limits';
import type { PdfFacts } from './pdfFacts';
import type { RedactRequest, RedactedPage } from './redact';
import type { LeakRules } from './redactJobs';

/**
 * The hearing pack's page drawing (pdf.js on a canvas) in the isolated worker, with its limits: a file that is
 * built to exhaust memory or never finish drawing is stopped and refused with one sentence, and the main
 * process keeps answering the window meanwhile. A long file with many pages to redraw may take minutes on a
 * slow laptop, so the time limit is five minutes, not the ninety seconds a file's reading gets.
 */
const DRAW_LIMITS: ReadLimits = { ...DEFAULT_LIMITS, timeMs: 300_000 };
/**
 * One worker kept while files keep coming (a build's files, previews): a fresh worker per file cost ~1.5 s each,
 * ~0.1 s in a warm one (12-page file, bundled worker). A job that passes a limit stops it; the next starts afresh.
 */
const drawing = new IsolatedWorker(DRAW_LIMITS.heapMb);

/** The pages of `name` to replace for one recipient (redact.ts `redactPages`), drawn in the worker. */
export function redactIsolated(
  name: string,
  data: Uint8Array,
  requests: RedactRequest[],
  leak: LeakRules | null,
  only?: number,
  outcome = 'the pack was not built',
  limits: ReadLimits = DRAW_LIMITS,
): Promise<RedactedPage[]> {
  return drawing.run({ task: 'redactFile', data, requests, leak, ...(only === undefined ? {} : { only }) }, limits, { subject: `“${name}”`, outcome });
}

/** One page of `name` as a PNG for the preview, drawn in the worker; null past its last page. */
export function pageImageIsolated(name: string, data: Uint8Array, pageIndex: number): Promise<Uint8Array | null> {
  return drawing.run({ task: 'pageImage', data, pageIndex }, DRAW_LIMITS, { subject: `“${name}”`, outcome: 'the page cannot be shown' });
}

/** A PDF added to the pack, read in the worker (pdf-lib and pdf.js): its pages' facts, or one sentence why not. */
export function pdfFactsIsolated(name: string, data: Uint8Array): Promise<PdfFacts> {
  return drawing.run({ task: 'pdfFacts', data, name }, DRAW_LIMITS, { subject: `“${name}”`, outcome: 'it was not added' });
}
