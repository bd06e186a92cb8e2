import { parentPort } from 'node:worker_threads';
import { UserFacingError } from '../../../shared/documents/errors';
import { renderDocx } from './docxRenderer';
import { pdfFaces } from './fonts';
import { checkRendered } from './leakCheck';
import { renderPdf } from './pdfRenderer';
import { asBuffer, type RenderReply, type RenderRequest } from './renderProtocol';

/**
 * A render worker (issue 15): turns document models into Word and PDF bytes, and reads a complainant's version
 * back for the leak check, one job at a time, for the pool in renderPool.ts. It has no store and no passphrase;
 * it gets a model (or bytes and the case's register) and returns bytes (or what the check found). It lives as
 * long as the pool keeps it, so its fonts are parsed once and its shaping caches stay warm across documents.
 */
const port = parentPort;
if (!port) throw new Error('renderWorker.ts must be started as a worker thread.');

port.on('message', async (req: RenderRequest) => {
  let reply: RenderReply;
  let transfer: ArrayBuffer[] = [];
  try {
    if (req.task === 'warm') {
      pdfFaces();
      reply = { id: req.id, ok: true };
    } else if (req.task === 'check') {
      const { record, kind, files, letterToComplainant } = req.job;
      const hits = await checkRendered(record, kind, { ...files, docx: asBuffer(files.docx), pdf: files.pdf ? asBuffer(files.pdf) : null }, letterToComplainant);
      reply = { id: req.id, ok: true, hits };
    } else {
      const b = await (req.format === 'pdf' ? renderPdf(req.model) : renderDocx(req.model));
      // Copied once into memory of its own and moved to the main thread: a Buffer's memory may be Node's shared
      // pool, which cannot be moved (DataCloneError).
      const bytes = new Uint8Array(b.byteLength);
      bytes.set(b);
      reply = { id: req.id, ok: true, bytes };
      transfer = [bytes.buffer];
    }
  } catch (e) {
    reply = e instanceof UserFacingError ? { id: req.id, ok: false, userFacing: e.message } : { id: req.id, ok: false, error: (e as Error)?.message ?? String(e) };
  }
  port.postMessage(reply, transfer);
});
