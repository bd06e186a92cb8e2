/** Small timing helpers. Benchmarks compare figures within one run; the machines are shared and noisy. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

export function timeMany(n: number, fn: (i: number) => void): { p50: number; p95: number; max: number; mean: number } {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    fn(i);
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { p50: percentile(t, 50), p95: percentile(t, 95), max: t[t.length - 1]!, mean: t.reduce((a, b) => a + b, 0) / t.length };
}

/** Best of `repeats` runs of fn, in milliseconds (the least disturbed run). */
export function bestOf(repeats: number, fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const s = performance.now();
    fn();
    best = Math.min(best, performance.now() - s);
  }
  return best;
}

export const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export interface Sampled {
  p50: number;
  p95: number;
  n: number;
}

const summarise = (t: number[]): Sampled => {
  const s = [...t].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), n: s.length };
};

/** `warmup` untimed runs, then `n` timed ones: median and 95th percentile, in milliseconds. */
export function sample(n: number, warmup: number, fn: (i: number) => void): Sampled {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    fn(i);
    t.push(performance.now() - s);
  }
  return summarise(t);
}

export async function sampleAsync(n: number, warmup: number, fn: (i: number) => Promise<unknown>): Promise<Sampled> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn(i);
    t.push(performance.now() - s);
  }
  return summarise(t);
}

/** Figures measured by `fn` itself (a page's own clock, say), `warmup` of them dropped. */
export async function sampleMeasured(n: number, warmup: number, fn: (i: number) => Promise<number>): Promise<Sampled> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const t: number[] = [];
  for (let i = 0; i < n; i++) t.push(await fn(i));
  return summarise(t);
}

export const p50p95 = (s: Sampled) => `${ms(s.p50)} (p95 ${ms(s.p95)}, n=${s.n})`;
