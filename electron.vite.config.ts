import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { pdfjsWasm } from './scripts/pdfjsWasm';

// electron-vite: one config for the three bundles (main, preload, renderer), with a dev server for the
// renderer; chosen over three hand-kept Vite configs because it knows Electron's module formats.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The text extraction worker (attachments/isolate.ts) and the render worker (documents/renderPool.ts) are
        // entries of their own, written beside index.js, where workerLocation.ts looks for them at run time.
        input: {
          index: resolve(__dirname, 'main/electron/index.ts'),
          extractWorker: resolve(__dirname, 'main/services/attachments/extractWorker.ts'),
          renderWorker: resolve(__dirname, 'main/services/documents/renderWorker.ts'),
        },
        // Native and Electron-aware modules stay outside the bundle.
        external: ['electron', 'better-sqlite3-multiple-ciphers', 'electron-store', '@napi-rs/canvas'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        // A sandboxed preload must be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), pdfjsWasm(__dirname)],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // Minified, and split: the unlock screen's chunk is React and the unlock form; the other screens, the PDF
      // viewer (pdf.js) and the rich text editor (TipTap) are chunks of their own, loaded when needed (issue 15).
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
