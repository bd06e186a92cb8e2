import * as pdfjs from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { call, messageOf } from '../api';
import { Alert } from './Field';
import { base64ToBytes } from './files';
import { findPage } from './pageLabels';

pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url).toString();
/** pdf.js's WebAssembly decoders (JPEG 2000 images in scanned PDFs), copied beside index.html by the build (scripts/pdfjsWasm.ts). */
const PDFJS_WASM_URL = (base: string) => new URL('pdfjs-wasm/', base).href;

/**
 * Shows an attached file inside the app, from the store, never via a file on disk: PDFs page by page with
 * pdf.js, images as images, Word files and e-mails as their text. With `paperId` instead of `attachmentId`, a
 * paper received for a review panel hearing (papers.read).
 */
export function FileViewer(props: { attachmentId?: string; paperId?: string; onClose: () => void; startPage?: number | null }) {
  const [file, setFile] = useState<{ name: string; mime: string; b64: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(props.startPage ?? 1);
  const [pages, setPages] = useState(0);
  // A hearing pack's own page labels (A1, B12 …), as the panel will say them; null when the PDF has none.
  const [labels, setLabels] = useState<string[] | null>(null);
  const [goTo, setGoTo] = useState('');
  const [goError, setGoError] = useState<string | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const docRef = useRef<pdfjs.PDFDocumentProxy | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    const read = props.paperId
      ? call('papers.read', { id: props.paperId }).then((r) => ({ name: r.title, mime: r.mimeType, b64: r.dataBase64, text: '' }))
      : call('attachments.read', { id: props.attachmentId ?? '' }).then((r) => ({ name: r.info.fileName, mime: r.info.mimeType, b64: r.dataBase64, text: r.text }));
    read.then(setFile, (e) => setError(messageOf(e)));
  }, [props.attachmentId, props.paperId]);

  useEffect(() => {
    if (!file || file.mime !== 'application/pdf') return;
    let cancelled = false;
    pdfjs
      .getDocument({ data: base64ToBytes(file.b64), isEvalSupported: false, wasmUrl: PDFJS_WASM_URL(document.baseURI) })
      .promise.then((doc) => {
        if (cancelled) return void doc.destroy();
        docRef.current = doc;
        setPages(doc.numPages);
        setPage((p) => Math.min(Math.max(1, p), doc.numPages));
        // Labels that only repeat the page numbers add nothing; damaged labels are left out, the pages still show.
        doc.getPageLabels().then(
          (l) => {
            if (!cancelled && l && l.length === doc.numPages && l.some((x, i) => x !== String(i + 1))) setLabels(l);
          },
          () => {},
        );
      })
      .catch((e: unknown) => setError(`The PDF could not be shown (${messageOf(e)}).`));
    return () => {
      cancelled = true;
      void docRef.current?.destroy();
      docRef.current = null;
    };
  }, [file]);

  useEffect(() => {
    const doc = docRef.current;
    if (!doc || !canvas.current || pages === 0) return;
    let task: { cancel(): void } | null = null;
    void doc.getPage(page).then((p) => {
      const viewport = p.getViewport({ scale: 1.3 });
      const c = canvas.current!;
      c.width = viewport.width;
      c.height = viewport.height;
      const r = p.render({ canvas: c, viewport });
      task = r;
      return r.promise;
    }).catch(() => {});
    return () => task?.cancel();
  }, [page, pages]);

  return (
    <section className="viewer" aria-labelledby="viewer-heading" onKeyDown={(e) => {
        // Escape closes the viewer, as it closes any panel that sits over the page.
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onClose();
        }
      }}>
      <h3 id="viewer-heading" ref={heading} tabIndex={-1}>
        {file ? file.name : 'Loading the file…'}
      </h3>
      {error && <Alert kind="error">{error}</Alert>}
      {file?.mime === 'application/pdf' && pages > 0 && (
        <div className="actions">
          <button type="button" className="button button--secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous page
          </button>
          <span aria-live="polite">
            {labels ? `Page ${labels[page - 1]} (${page} of ${pages})` : `Page ${page} of ${pages}`}
          </span>
          <button type="button" className="button button--secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Next page
          </button>
        </div>
      )}
      {file?.mime === 'application/pdf' && pages > 1 && (
        <form
          className="row"
          noValidate
          aria-label="Go to a page"
          onSubmit={(e) => {
            e.preventDefault();
            const found = findPage(goTo, labels, pages);
            if (typeof found === 'number') {
              setGoError(null);
              setPage(found);
            } else setGoError(found);
          }}
        >
          <label htmlFor="viewer-go-to">{labels ? `Go to page (as the file numbers it, such as ${labels.find((l) => /^[A-Z]+\d/.test(l)) ?? labels[0]}; or # and its place, such as #3)` : 'Go to page'}</label>
          <input id="viewer-go-to" value={goTo} onChange={(e) => setGoTo(e.target.value)} autoComplete="off" aria-describedby={goError ? 'viewer-go-error' : undefined} />
          <button type="submit" className="button button--secondary">
            Go
          </button>
          {goError && (
            <p className="error-text" id="viewer-go-error" role="alert">
              {goError}
            </p>
          )}
        </form>
      )}
      {file?.mime === 'application/pdf' && <canvas ref={canvas} className="pdf-page" role="img" aria-label={`Page ${page} of ${file.name}`} />}
      {file?.mime.startsWith('image/') && <img className="image-view" src={`data:${file.mime};base64,${file.b64}`} alt={`The attached image ${file.name}`} />}
      {file && file.mime !== 'application/pdf' && !file.mime.startsWith('image/') && <pre className="text-view">{file.text || 'This file has no text to show.'}</pre>}
      <button type="button" className="button button--secondary" onClick={props.onClose}>
        Close the viewer
      </button>
    </section>
  );
}

