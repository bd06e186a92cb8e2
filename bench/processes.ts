import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goal } from './goals';
import { ms, p50p95, type Sampled } from './stats';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = path.join(root, 'out', 'cli', 'index.js');

/** The bundled command line, built as `npm run cli` would build it. */
export function ensureCliBuilt(): void {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' });
}

/** Wall-clock time of a whole process, start to exit; throws if it fails. */
export function runTimed(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const s = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 600_000 });
  const t = performance.now() - s;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return t;
}

/** Several commands sampled in turn (so noise on the machine falls on all of them alike), after warm-up runs. */
export function interleaved(n: number, warmup: number, commands: Record<string, () => number>): Record<string, Sampled> {
  const names = Object.keys(commands);
  for (let i = 0; i < warmup; i++) for (const k of names) commands[k]!();
  const t: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let i = 0; i < n; i++) for (const k of names) t[k]!.push(commands[k]!());
  return Object.fromEntries(
    names.map((k) => {
      const s = t[k]!.sort((a, b) => a - b);
      const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
      return [k, { p50: at(50), p95: at(95), n: s.length }];
    }),
  );
}

/** A trivial command as a whole process: the bundle under plain Node, beside `node -e 0`, npm and tsx. */
export function benchCli(): string[] {
  ensureCliBuilt();
  const clock = ['clock', 'add', '--from', '2026-11-02', '--days', '20'];
  const fast = interleaved(15, 2, {
    bare: () => runTimed(process.execPath, ['-e', '0']),
    bundle: () => runTimed(process.execPath, [CLI_BUNDLE, ...clock]),
  });
  const slow = interleaved(5, 1, {
    npm: () => runTimed('npm', ['run', '--silent', 'cli', '--', ...clock]),
    tsx: () => runTimed(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', ...clock]),
  });
  const ratio = fast.bundle!.p50 / fast.bare!.p50;
  goal({
    measure: 'a trivial command (`clock add`) as a whole process',
    figure: `${ms(fast.bundle!.p50)} = ${ratio.toFixed(2)}× \`node -e 0\` (${ms(fast.bare!.p50)}), run as \`node out/cli/index.js\`; through \`npm run cli\` ${ms(slow.npm!.p50)} = ${(slow.npm!.p50 / fast.bare!.p50).toFixed(1)}×`,
    goal: 'within 3× of `node -e 0`',
    met: ratio <= 3,
  });
  return [
    '## The command line',
    '',
    'A trivial command (`clock add --from 2026-11-02 --days 20`) as a whole process, start to exit. The bundle is out/cli/index.js (esbuild, built on demand by `npm run cli`); npm\'s own start-up is in the `npm run` row and not in ours to remove.',
    '',
    '| command | median | p95 | samples |',
    '|---|---|---|---|',
    `| \`node -e 0\` | ${ms(fast.bare!.p50)} | ${ms(fast.bare!.p95)} | ${fast.bare!.n} |`,
    `| \`node out/cli/index.js clock add …\` | ${ms(fast.bundle!.p50)} | ${ms(fast.bundle!.p95)} | ${fast.bundle!.n} |`,
    `| ratio: the bundle ÷ \`node -e 0\` | ${ratio.toFixed(2)}× | | |`,
    `| \`npm run --silent cli -- clock add …\` (npm, then the bundle) | ${ms(slow.npm!.p50)} | ${ms(slow.npm!.p95)} | ${slow.npm!.n} |`,
    `| the same sources without the bundle, through tsx's loader (\`node --import tsx main/cli/index.ts\`; tsx's cache warm) | ${ms(slow.tsx!.p50)} | ${ms(slow.tsx!.p95)} | ${slow.tsx!.n} |`,
    '',
  ];
}

export { p50p95 };
