import fs from 'node:fs';

/** True when the calling module runs from TypeScript source (tsx, Vitest), not from a bundle. */
function fromSource(callerUrl: string): boolean {
  return /\.[cm]?ts$/.test(new URL(callerUrl).pathname);
}

/**
 * Where a worker thread's code is, for a worker that sits beside its caller in the source tree.
 * - From TypeScript source (tsx, Vitest): `<name>.ts` next to the caller, started with tsx's loader.
 * - From a bundle (electron-vite's out/main, esbuild's out/cli): `<name>.js`, its own entry beside index.js,
 *   found relative to the bundled file (which may be index.js itself or a chunk one folder down).
 */
export function workerLocation(callerUrl: string, name: string): { url: URL; execArgv: string[] } {
  if (fromSource(callerUrl)) return { url: new URL(`./${name}.ts`, callerUrl), execArgv: ['--import', 'tsx'] };
  for (const rel of [`./${name}.js`, `../${name}.js`]) {
    const url = new URL(rel, callerUrl);
    if (fs.existsSync(url)) return { url, execArgv: [] };
  }
  throw new Error(`The worker ${name}.js is missing from this build.`);
}
