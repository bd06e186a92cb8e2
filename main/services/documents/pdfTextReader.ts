import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LeakSource } from './leakCheck';
import type { PdfTextReply, PdfTextRequest } from './pdfTextProtocol';

/**
 * The leak check's reading of rendered PDFs (pdf.js, a fifth of `doc export-all`) on a worker thread (issue 15),
 * so the main thread renders the next document meanwhile. Unlike rendering on several threads (tried and not
 * kept: docs/decisions.md), nothing is done twice: pdf.js runs only here, so it is loaded and compiled once,
 * as it was on the main thread. The text comes back exactly as `pdfSources` reads it on the main thread.
 *
 * - Referenced only while it has PDFs to read, so a reader started ahead of time (`prewarmPdfTextReader`,
 *   before the command line unlocks the store) never keeps a finished run alive.
 * - Where the worker's code is: pdfTextWorker.ts beside this module under tsx and Vitest (started with tsx's
 *   loader), or pdfTextWorker.js beside the bundle's entry (out/cli, out/main).
 */
function workerLocation(): { url: URL; execArgv: string[] } {
  const here = import.meta.url;
  if (/\.[cm]?ts$/.test(new URL(here).pathname)) return { url: new URL('./pdfTextWorker.ts', here), execArgv: ['--import', 'tsx'] };
  for (const rel of ['./pdfTextWorker.js', '../pdfTextWorker.js']) {
    const url = new URL(rel, here);
    if (fs.existsSync(url)) return { url, execArgv: [] };
  }
  throw new Error('The PDF text worker (pdfTextWorker.js) is missing from this build.');
}

export class PdfTextReader {
  private readonly worker: Worker;
  private readonly sent = new Map<number, { resolve: (s: LeakSource[]) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private broken: Error | null = null;
  private closed = false;

  constructor() {
    const { url, execArgv } = workerLocation();
    this.worker = new Worker(url, { execArgv, stdout: false, stderr: false });
    this.worker.unref();
    this.worker.on('message', (reply: PdfTextReply) => {
      const p = this.sent.get(reply.id);
      this.sent.delete(reply.id);
      if (!this.sent.size) this.worker.unref();
      if (!p) return;
      if (reply.ok) p.resolve(reply.sources);
      else p.reject(new Error(reply.error));
    });
    this.worker.on('error', (e: Error) => this.fail(new Error(`the PDF reader stopped: ${e.message}`)));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`the PDF reader stopped unexpectedly (exit code ${code})`));
    });
  }

  /** The text of a PDF, each page, the bookmarks and the document information, as `pdfSources` gives it. */
  read(pdf: Buffer): Promise<LeakSource[]> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closed) return Promise.reject(new Error('the PDF reader was closed'));
    // A copy of its own, moved (not copied again) to the worker: the caller still writes `pdf` afterwards.
    const data = new Uint8Array(pdf.byteLength);
    data.set(pdf);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.sent.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, data } satisfies PdfTextRequest, [data.buffer]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
  }

  private fail(e: Error): void {
    if (this.broken) return;
    this.broken = e;
    for (const p of this.sent.values()) p.reject(e);
    this.sent.clear();
    this.worker.unref();
  }
}

/** A second thread only helps with a second core; CASEWRIGHT_PDF_TEXT_WORKER=0 turns the worker off. */
export function usePdfTextWorker(cores = os.availableParallelism(), env: NodeJS.ProcessEnv = process.env): boolean {
  const set = env.CASEWRIGHT_PDF_TEXT_WORKER?.trim();
  if (set === '0') return false;
  if (set === '1') return true;
  return cores >= 2;
}

let warm: PdfTextReader | null = null;

/** Starts the worker now, so pdf.js loads while the store is unlocked. */
export function prewarmPdfTextReader(): void {
  if (!warm && usePdfTextWorker()) warm = new PdfTextReader();
}

/** The reader started ahead of time, or a new one; null on one core. The caller closes it. */
export function takePdfTextReader(): PdfTextReader | null {
  const r = warm;
  warm = null;
  return r ?? (usePdfTextWorker() ? new PdfTextReader() : null);
}
