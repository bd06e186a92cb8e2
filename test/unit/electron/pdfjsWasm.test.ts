import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDFJS_WASM_DIR, PDFJS_WASM_FILES, pdfjsWasm } from '../../../scripts/pdfjsWasm';

const root = path.resolve(import.meta.dirname, '../../..');

describe('the pdf.js WebAssembly files in the renderer build', () => {
  it('are emitted unhashed into pdfjs-wasm/, where the viewer points wasmUrl', () => {
    const emitted: { fileName: string; source: Uint8Array }[] = [];
    const plugin = pdfjsWasm(root);
    (plugin.generateBundle as unknown as (this: { emitFile: (f: { fileName: string; source: Uint8Array }) => void }) => void).call({ emitFile: (f) => emitted.push(f) });
    expect(emitted.map((e) => e.fileName)).toEqual(PDFJS_WASM_FILES.map((f) => `pdfjs-wasm/${f}`));
    for (const e of emitted) expect(Buffer.from(e.source).subarray(0, 4)).toEqual(Buffer.from([0x00, 0x61, 0x73, 0x6d])); // "\0asm"
    const viewer = fs.readFileSync(path.join(root, 'renderer/src/ui/FileViewer.tsx'), 'utf8');
    expect(viewer).toContain(`new URL('${PDFJS_WASM_DIR}/', base)`);
    expect(viewer).toMatch(/wasmUrl: PDFJS_WASM_URL\(document\.baseURI\)/);
  });
});
