// `npm run cli`: runs the bundled command line (out/cli/index.js, built by scripts/build-cli.mjs) under plain
// Node, without tsx. The bundle is (re)built here when it is missing or older than any source file it is made
// from, so a clean checkout and an edited one both run the code as it is; the check is a walk of the source
// folders' modification times (a few milliseconds).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'out', 'cli', 'index.js');
const SOURCES = ['main', 'shared', 'package-lock.json', 'scripts/build-cli.mjs'];

function newestSource() {
  let newest = 0;
  const walk = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) walk(path.join(p, name));
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const s of SOURCES) walk(path.join(root, s));
  return newest;
}

let built;
try {
  built = fs.statSync(entry).mtimeMs;
} catch {
  built = 0;
}
if (built < newestSource()) {
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli();
}
// The report fonts live in resources/ at the top of the project.
process.env.CASEWRIGHT_RESOURCES ??= path.join(root, 'resources');
await import(pathToFileURL(entry).href);
