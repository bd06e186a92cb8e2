import fs from 'node:fs';
import path from 'node:path';
import { createDispatcher } from '../main/api/handlers';
import { memorySettings, type Platform } from '../main/services/platform';
import { Session } from '../main/services/session/session';

// One hostile file through the handler table, in its own process so its peak memory is its own:
// `tsx bench/hostileOne.ts <file> <attach|import> <workdir>`; prints one JSON line.
const [file, mode, dir] = process.argv.slice(2) as [string, 'attach' | 'import', string];
const platform: Platform = {
  actor: 'Bench',
  appVersion: 'bench',
  settings: memorySettings(),
  chooseStorePath: async () => null,
  // The benchmark names its own store in its own temporary folder (stores are otherwise created only where the
  // person chose in the file dialog).
  allowsPath: (p) => p === path.join(dir, 'bench.cwstore'),
  chooseSavePath: async () => null,
  chooseFolder: async () => null,
  emit: () => {},
  vault: null,
};
const session = new Session(platform);
const dispatch = createDispatcher(session);
const storePath = path.join(dir, 'bench.cwstore');
const created = await dispatch('store.create', { path: storePath, passphrase: 'violet kettle under moonlight', ownerName: 'Bench' });
if (!created.ok) throw new Error(created.error.message);
const demo = (await dispatch('cases.addDemo', {})) as { ok: true; data: { id: string } };
const data = fs.readFileSync(file);
const dataBase64 = data.toString('base64');
/**
 * This process's own resident high-water mark: VmHWM on Linux. Not `resourceUsage().maxRSS`, which Linux carries
 * over from the parent across fork and exec, so a benchmark run that had grown large reported its own size for
 * every file. Elsewhere the sampled peak alone.
 */
function highWaterRss(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}
const rssBefore = process.memoryUsage().rss;
// Sample RSS while the call runs: the main thread must stay free to do this if the work is elsewhere.
let peak = rssBefore;
let longestGap = 0;
let last = performance.now();
const sampler = setInterval(() => {
  const now = performance.now();
  longestGap = Math.max(longestGap, now - last);
  last = now;
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const t0 = performance.now();
const r =
  mode === 'attach'
    ? await dispatch('attachments.add', { caseId: demo.data.id, fileName: path.basename(file), dataBase64 })
    : await dispatch('import.docxToRich', { dataBase64 });
const ms = performance.now() - t0;
clearInterval(sampler);
const verify = (await dispatch('store.verify', {})) as { ok: true; data: { ok: boolean } };
await dispatch('store.lock', {});
const storeBytes = ['', '-wal'].map((s) => storePath + s).filter((p) => fs.existsSync(p)).reduce((a, p) => a + fs.statSync(p).size, 0);
const d = r.ok ? (r.data as { textNotice?: string | null; textProblem?: string | null; warnings?: string[] }) : null;
console.log(
  JSON.stringify({
    ms,
    peakRssMb: Math.max(peak, highWaterRss()) / 1048576,
    blockedMs: longestGap,
    ok: r.ok,
    message: r.ok ? (d?.textNotice ?? d?.textProblem ?? null) : r.error.message,
    storeMb: storeBytes / 1048576,
    verified: verify.data.ok,
  }),
);
