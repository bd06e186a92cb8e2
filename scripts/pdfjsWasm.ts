import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * pdf.js decodes JPEG 2000 (openjpeg), JBIG2 and colour profiles (qcms) with WebAssembly, fetched at run time
 * from `wasmUrl`. This Vite plugin puts those files, unhashed, in `pdfjs-wasm/` beside index.html (and serves
 * them there from the dev server), which is where the renderer's viewer points `wasmUrl`. Used by
 * electron.vite.config.ts and by the browser harness's renderer build, so both serve the same files.
 * Instantiating them needs `'wasm-unsafe-eval'` in the CSP's script-src (main/electron/protocol.ts).
 */
export const PDFJS_WASM_DIR = 'pdfjs-wasm';
export const PDFJS_WASM_FILES = ['openjpeg.wasm', 'jbig2.wasm', 'qcms_bg.wasm'] as const;

function sourceDir(root: string): string {
  return path.join(root, 'node_modules', 'pdfjs-dist', 'wasm');
}

export function pdfjsWasm(projectRoot: string): Plugin {
  return {
    name: 'casewright-pdfjs-wasm',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.split('?')[0]?.replace(/^\//, '').split('/');
        if (name?.length !== 2 || name[0] !== PDFJS_WASM_DIR || !(PDFJS_WASM_FILES as readonly string[]).includes(name[1]!)) return next();
        res.setHeader('Content-Type', 'application/wasm');
        res.end(fs.readFileSync(path.join(sourceDir(projectRoot), name[1]!)));
      });
    },
    generateBundle() {
      for (const file of PDFJS_WASM_FILES) {
        this.emitFile({ type: 'asset', fileName: `${PDFJS_WASM_DIR}/${file}`, source: fs.readFileSync(path.join(sourceDir(projectRoot), file)) });
      }
    },
  };
}
