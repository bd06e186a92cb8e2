import type { LeakSource } from './leakCheck';

/** Messages between the main thread (pdfTextReader.ts) and the PDF text worker (pdfTextWorkerMain.ts). */
export interface PdfTextRequest {
  id: number;
  data: Uint8Array;
}

export type PdfTextReply = { id: number; ok: true; sources: LeakSource[] } | { id: number; ok: false; error: string };
