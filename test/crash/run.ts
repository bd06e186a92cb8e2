/**
 * Long crash runs: npm run test:crash -- --rounds 200 [--ops save,import] [--pad-mb 60] [--max-delay-ms 4000]
 * Prints one line per round and the totals; exits 1 if any store or acknowledged write was lost.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OPS, runRounds, type Op } from './rounds';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '50' }, ops: { type: 'string' }, 'pad-mb': { type: 'string', default: '0' }, 'max-delay-ms': { type: 'string' } },
});
const ops = (values.ops ? values.ops.split(',') : [...OPS]) as Op[];
for (const o of ops) if (!(OPS as readonly string[]).includes(o)) throw new Error(`unknown op ${o}; use ${OPS.join(', ')}`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casewright-crash-'));
const maxDelay = values['max-delay-ms'] ? Number(values['max-delay-ms']) : undefined;
const started = Date.now();
try {
  const s = await runRounds({
    dir,
    rounds: Number(values.rounds),
    ops,
    padMb: Number(values['pad-mb']),
    ...(maxDelay ? { maxDelayMs: Object.fromEntries(ops.map((o) => [o, maxDelay])) } : {}),
    log: (l) => console.log(l),
  });
  console.log(`\nrounds ${s.rounds}, killed mid-write ${s.kills}, stores lost ${s.storesLost}, acknowledged writes ${s.acks}, acknowledged writes lost ${s.acksLost}, rounds with problems ${s.failures.length}, ${Math.round((Date.now() - started) / 1000)} s`);
  process.exitCode = s.storesLost || s.acksLost || s.failures.length ? 1 : 0;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
// Text extraction in the checker's process may leave handles open; the run is over.
process.exit(process.exitCode ?? 0);
