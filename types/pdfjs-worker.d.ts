// pdf.js's worker code, which pdf.js imports itself on the first document (its "fake worker" in Node);
// leakCheck.ts imports it earlier only to have it loaded, and uses nothing from it.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
