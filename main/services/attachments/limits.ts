/**
 * What Casewright is prepared to spend reading one file (issue 9). Text extraction and Word import run in a
 * worker thread (see isolate.ts) that is stopped when it passes the time or memory limit; the archive and
 * stream checks refuse a compression bomb before anything is inflated in full.
 */
export interface ReadLimits {
  /** Wall-clock time for reading one file, in milliseconds. */
  timeMs: number;
  /** The worker's JavaScript heap, in MB (V8's old generation). */
  heapMb: number;
  /** Growth of the whole process's resident memory while the worker runs, in MB (catches buffers outside the heap). */
  rssGrowthMb: number;
  /** Characters of a file's text that are indexed for search. */
  maxTextChars: number;
  /** Pages of a PDF whose text is indexed for search. */
  maxPdfPages: number;
  /**
   * Time after which a PDF's remaining pages are left unread (the pages read so far are kept and the person
   * told), so a long bundle on a slow computer is indexed in part rather than refused at `timeMs`.
   */
  pdfReadMs: number;
  /** Uncompressed size of one XML part of a Word document. */
  maxZipPartBytes: number;
  /** Uncompressed size of a whole Word document (pictures included). */
  maxZipTotalBytes: number;
  /** Entries in a Word document's archive. */
  maxZipEntries: number;
  /** Inflated size of one compressed PDF stream that is not a picture (page contents, fonts, object streams). */
  maxPdfStreamBytes: number;
  /** Inflated size of all such streams in one PDF together. */
  maxPdfStreamsTotalBytes: number;
  /** Characters of text in interview notes imported from Word. */
  maxImportChars: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  timeMs: 90_000,
  heapMb: 768,
  rssGrowthMb: 1536,
  maxTextChars: 2_000_000,
  maxPdfPages: 2_000,
  pdfReadMs: 60_000,
  maxZipPartBytes: 32 * 1024 * 1024,
  maxZipTotalBytes: 256 * 1024 * 1024,
  maxZipEntries: 5_000,
  maxPdfStreamBytes: 64 * 1024 * 1024,
  maxPdfStreamsTotalBytes: 1024 * 1024 * 1024,
  maxImportChars: 500_000,
};

/** "2 million", "500,000": how a limit is written in a sentence. */
export function count(n: number): string {
  return n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000} million` : n.toLocaleString('en-GB');
}

export const mb = (bytes: number) => `${Math.round(bytes / 1048576).toLocaleString('en-GB')} MB`;
