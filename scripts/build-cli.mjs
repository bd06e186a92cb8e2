// Builds the command line into out/cli with esbuild (a prebuilt binary from npm: no compiler is needed).
// `npm run cli` (scripts/cli.mjs) calls this on demand, when out/cli is missing or older than the sources.
//
// - One ESM bundle of our TypeScript; npm packages stay outside it (`packages: 'external'`) and load from
//   node_modules, so the native SQLite module and pdf.js work as they do from source.
// - Split: the handler table, the document renderers (PDFKit, docx, fontkit) and the calendar export (ics)
//   are dynamic imports, so their chunks load only for the commands that use them; `clock add` loads the
//   entry alone.
// - The text extraction worker and the render worker are entries of their own, out/cli/extractWorker.js and
//   out/cli/renderWorker.js, where workerLocation.ts looks for them.
// - Written safely while another `npm run cli` may be running: chunks have content hashes in their names, every
//   file goes to a temporary name and is renamed into place, and the entries are renamed last.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_OUT = path.join(root, 'out', 'cli');

export async function buildCli() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { index: 'main/cli/index.ts', extractWorker: 'main/services/attachments/extractWorker.ts', renderWorker: 'main/services/documents/renderWorker.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    outdir: CLI_OUT,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'error',
    write: false,
  });
  fs.mkdirSync(path.join(CLI_OUT, 'chunks'), { recursive: true });
  const entries = new Set(['index.js', 'extractWorker.js', 'renderWorker.js'].map((f) => path.join(CLI_OUT, f)));
  const files = [...result.outputFiles].sort((a, b) => Number(entries.has(a.path)) - Number(entries.has(b.path)));
  for (const f of files) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, f.contents);
    fs.renameSync(tmp, f.path);
  }
  // Chunks of earlier builds that nothing refers to any more (kept a day, in case a run still loads them).
  const current = new Set(files.map((f) => path.basename(f.path)));
  for (const name of fs.readdirSync(path.join(CLI_OUT, 'chunks'))) {
    const p = path.join(CLI_OUT, 'chunks', name);
    if (!current.has(name) && Date.now() - fs.statSync(p).mtimeMs > 86_400_000) fs.rmSync(p, { force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli();
}
