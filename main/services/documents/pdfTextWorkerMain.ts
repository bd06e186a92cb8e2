import { parentPort } from 'node:worker_threads';
import { loadPdfjs, pdfSources } from './leakCheck';
import type { PdfTextReply, PdfTextRequest } from './pdfTextProtocol';

/**
 * The body of the PDF text worker: reads the text of rendered PDFs with pdf.js (`pdfSources`, the leak
 * check's own reading) and hands it back, one PDF at a time in the order sent. It writes nothing and has no
 * store, no passphrase and no case record: it gets the bytes of a PDF and returns its text.
 */
const port = parentPort;
if (!port) throw new Error('pdfTextWorker.ts must be started as a worker thread.');

// pdf.js loads while the main thread unlocks the store and renders the first document.
void loadPdfjs().catch(() => undefined);

let queue = Promise.resolve();
port.on('message', (req: PdfTextRequest) => {
  queue = queue.then(async () => {
    let reply: PdfTextReply;
    try {
      reply = { id: req.id, ok: true, sources: await pdfSources(Buffer.from(req.data.buffer, req.data.byteOffset, req.data.byteLength)) };
    } catch (e) {
      reply = { id: req.id, ok: false, error: (e as Error)?.message ?? String(e) };
    }
    port.postMessage(reply);
  });
});
