import { enableCompileCache } from '../compileCache';

/**
 * The entry of the PDF text worker (pdfTextReader.ts; the body is pdfTextWorkerMain.ts). It turns on Node's
 * compile cache first and only then loads pdf.js, so its compiled code is kept between runs.
 */
enableCompileCache();
await import('./pdfTextWorkerMain');
