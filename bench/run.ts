import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchClocks } from './clocks';
import { benchStore } from './store';
import { benchWorkspace } from './workspace';
import { benchDocuments } from './documents';
import { benchHostile } from './hostile';
import { benchExchange } from './exchange';
import { benchBundle } from './bundle';
import { goalLines } from './goals';
import { benchCli } from './processes';
import { benchRenderer } from './renderer';

// `npm run bench`: every benchmark, figures written to docs/benchmarks.md. Targets are judged here, never in
// timed unit tests; where a comparison matters it is a ratio within this one run.
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/benchmarks.md');
const sections = [
  ...benchClocks(),
  ...benchStore(),
  ...benchCli(),
  ...(await benchRenderer()),
  // Before the documents: its memory figure is then the workspace's own, not what rendering left behind.
  ...(await benchWorkspace(Number(process.env.BENCH_CASES ?? 200))),
  ...(await benchDocuments()),
  ...(process.env.BENCH_SKIP_HOSTILE ? ['## Hostile files (issue 9)', '', 'Not run this time (BENCH_SKIP_HOSTILE).', ''] : (await benchHostile()).lines),
  ...(await benchExchange()),
  ...(await benchBundle()),
];
const lines = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB. Shared machines are noisy: read ratios within one run, not absolute figures across runs.`,
  '',
  ...goalLines(),
  ...sections,
];
fs.writeFileSync(out, `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
