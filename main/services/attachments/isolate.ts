import { Worker } from 'node:worker_threads';
import { UserError } from '../errors';
import type { ReadLimits } from './limits';
import type { WorkerReply, WorkerRequest } from './isolateProtocol';
import { workerLocation } from '../workerLocation';

export interface Wording {
  /** How the file is named in a sentence: "notes.docx", "The Word document". */
  subject: string;
  /** What happened to it: "it was not added", "nothing was imported". */
  outcome: string;
}

const RSS_POLL_MS = 50;
/**
 * Below this a worker cannot even start: V8 aborts the whole process ("GC during deserialization") rather
 * than failing the worker, so a smaller limit is raised to this.
 */
export const MIN_HEAP_MB = 64;

/**
 * Runs one reading job (text extraction, Word import) in a worker thread with a time limit and a memory limit,
 * so a hostile or huge file cannot stall or exhaust the main process, which serves every window request.
 *
 * - Memory: the worker's V8 heap is capped with `resourceLimits`; buffers outside the heap (inflated streams)
 *   are caught by watching the process's resident memory while the worker runs.
 * - Time: a timer calls `worker.terminate()`.
 * - Where the worker's code is: extractWorker.ts beside this file, or extractWorker.js in a bundle
 *   (workerLocation.ts).
 */
export function runIsolated<T>(req: WorkerRequest, limits: ReadLimits, words: Wording): Promise<T> {
  const worker = spawnIsolated(limits.heapMb);
  return jobOn<T>(worker, req, limits, words, false).job;
}

function spawnIsolated(heapMb: number): Worker {
  const { url, execArgv } = workerLocation(import.meta.url, 'extractWorker');
  return new Worker(url, {
    execArgv,
    resourceLimits: { maxOldGenerationSizeMb: Math.max(MIN_HEAP_MB, heapMb), maxYoungGenerationSizeMb: 16 },
    stdout: false,
    stderr: false,
  });
}

/**
 * One job on a worker, under the job's time limit and the process's memory growth while it runs. The worker is
 * stopped when the job passes a limit or fails in the worker's own machinery; after a job that answered, it is
 * stopped too unless `keep` (IsolatedWorker). `healthy` says afterwards whether the worker is still usable.
 */
function jobOn<T>(worker: Worker, req: WorkerRequest, limits: ReadLimits, words: Wording, keep: boolean): { job: Promise<T>; healthy: () => boolean } {
  // A private copy of the bytes, moved (not copied again) to the worker.
  const copy = new Uint8Array(req.data.byteLength);
  copy.set(req.data);
  const startRss = process.memoryUsage().rss;
  let usable = true;
  const tooBig = () =>
    new UserError('INVALID_INPUT', `${words.subject} needs more memory to read than Casewright allows (it may be damaged or built to cause harm), so ${words.outcome}; open it in its own program, save a new copy (or print it to PDF) and use that.`);
  const job = new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (f: () => void, answered = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (!(keep && answered)) {
        usable = false;
        void worker.terminate();
      }
      f();
    };
    const timer = setTimeout(
      () => finish(() => reject(new UserError('INVALID_INPUT', `${words.subject} took longer than ${Math.round(limits.timeMs / 1000)} seconds to read (it may be damaged or unusually built), so ${words.outcome}; open it in its own program, save a new copy (or print it to PDF) and use that.`))),
      limits.timeMs,
    );
    const poll = setInterval(() => {
      if (process.memoryUsage().rss - startRss > limits.rssGrowthMb * 1048576) finish(() => reject(tooBig()));
    }, RSS_POLL_MS);
    const onMessage = (reply: WorkerReply) =>
      finish(() => {
        if (reply.ok) resolve(reply.value as T);
        else if ('refusal' in reply) reject(new UserError('INVALID_INPUT', reply.refusal));
        else if ('tooDeep' in reply) reject(new UserError('INVALID_INPUT', `${words.subject} is nested too deeply to read (it may be damaged or built to cause harm), so ${words.outcome}; open it in its own program, save a new copy and use that.`));
        else reject(new Error(reply.error));
      }, true);
    const onError = (e: Error & { code?: string }) => finish(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(e.message) ? tooBig() : e));
    const onExit = (code: number) => finish(() => reject(new Error(`the reader stopped unexpectedly (exit code ${code})`)));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ ...req, data: copy } satisfies WorkerRequest, [copy.buffer]);
  });
  return { job, healthy: () => usable };
}

/**
 * An isolated worker kept between jobs, for work that comes in runs (the hearing pack's page drawing: one job per
 * file of a build, and a page preview at a time). Starting a worker costs about 1.8 s (pdf.js, the canvas and
 * the fonts load and warm up), which every file paid when each job had its own. The limits hold per job as in
 * `runIsolated`: a job that passes one stops the worker, and the next job gets a fresh one. Jobs run one at a
 * time; an idle worker lets the process exit and is stopped after `idleMs`.
 */
export class IsolatedWorker {
  private worker: Worker | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private idle: NodeJS.Timeout | null = null;

  constructor(
    private readonly heapMb: number,
    private readonly idleMs = 30_000,
  ) {}

  run<T>(req: WorkerRequest, limits: ReadLimits, words: Wording): Promise<T> {
    const next = this.queue.then(() => this.runNow<T>(req, limits, words));
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }

  private async runNow<T>(req: WorkerRequest, limits: ReadLimits, words: Wording): Promise<T> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const worker = (this.worker ??= spawnIsolated(this.heapMb));
    worker.ref();
    const { job, healthy } = jobOn<T>(worker, req, limits, words, true);
    try {
      return await job;
    } finally {
      if (!healthy()) {
        if (this.worker === worker) this.worker = null;
      } else {
        worker.unref();
        this.idle = setTimeout(() => void this.close(), this.idleMs);
        this.idle.unref();
      }
    }
  }
}
