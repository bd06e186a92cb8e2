import { parentPort } from 'node:worker_threads';
import { pdfFacts } from '../bundle/pdfFacts';
import { pageImage, redactFile } from '../bundle/redactJobs';
import { convertDocx } from '../import/docxConvert';
import { extractTextInWorker } from './extractText';
import type { WorkerReply, WorkerRequest } from './isolateProtocol';

/**
 * The extraction worker: one file per worker, started by isolate.ts and stopped when done or when it passes
 * a limit. It has no store, no passphrase and no access to the main process's state; it gets bytes and
 * returns text (or, for the hearing pack, the pages it drew with their redactions: bundle/redactJobs.ts). Under tsx and Vitest it runs from this TypeScript source; in the app it is its own entry in
 * the main bundle (electron.vite.config.ts builds out/main/extractWorker.js).
 */
const port = parentPort;
if (!port) throw new Error('extractWorker.ts must be started as a worker thread.');

// One job at a time: a worker started by `runIsolated` gets one; one kept by `IsolatedWorker` gets several.
port.on('message', async (req: WorkerRequest) => {
  const data = Buffer.from(req.data.buffer, req.data.byteOffset, req.data.byteLength);
  let reply: WorkerReply;
  try {
    const value =
      req.task === 'extract'
        ? await extractTextInWorker(req.kind, data, req.limits, req.subject, req.outcome)
        : req.task === 'docxToRich'
          ? await convertDocx(data, req.limits)
          : req.task === 'redactFile'
            ? await redactFile(data, req.requests, req.leak, req.only)
            : req.task === 'pageImage'
              ? await pageImage(data, req.pageIndex)
              : await pdfFacts(req.name, data);
    reply = { ok: true, value };
  } catch (e) {
    const err = e as Error;
    // A refusal in the reader's words, or a UserError of the pack's checks (INVALID_INPUT: an encrypted or
    // damaged PDF), is the sentence the person sees.
    if (err.name === 'Refusal' || (err.name === 'UserError' && (err as Error & { code?: string }).code === 'INVALID_INPUT')) reply = { ok: false, refusal: err.message };
    else if (err instanceof RangeError && /call stack/i.test(err.message)) reply = { ok: false, tooDeep: true };
    else reply = { ok: false, error: err?.message ?? String(e) };
  }
  port.postMessage(reply);
});
