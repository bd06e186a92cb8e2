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
  const { url, execArgv } = workerLocation(import.meta.url, 'extractWorker');
  // A private copy of the bytes, moved (not copied again) to the worker.
  const copy = new Uint8Array(req.data.byteLength);
  copy.set(req.data);
  const worker = new Worker(url, {
    execArgv,
    resourceLimits: { maxOldGenerationSizeMb: Math.max(MIN_HEAP_MB, limits.heapMb), maxYoungGenerationSizeMb: 16 },
    stdout: false,
    stderr: false,
  });
  const startRss = process.memoryUsage().rss;
  const tooBig = () =>
    new UserError('INVALID_INPUT', `${words.subject} needs more memory to read than Casewright allows (it may be damaged or built to cause harm), so ${words.outcome}; open it in its own program, save a new copy (or print it to PDF) and use that.`);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(
      () => finish(() => reject(new UserError('INVALID_INPUT', `${words.subject} took longer than ${Math.round(limits.timeMs / 1000)} seconds to read (it may be damaged or unusually built), so ${words.outcome}; open it in its own program, save a new copy (or print it to PDF) and use that.`))),
      limits.timeMs,
    );
    const poll = setInterval(() => {
      if (process.memoryUsage().rss - startRss > limits.rssGrowthMb * 1048576) finish(() => reject(tooBig()));
    }, RSS_POLL_MS);
    worker.on('message', (reply: WorkerReply) =>
      finish(() => {
        if (reply.ok) resolve(reply.value as T);
        else if ('refusal' in reply) reject(new UserError('INVALID_INPUT', reply.refusal));
        else if ('tooDeep' in reply) reject(new UserError('INVALID_INPUT', `${words.subject} is nested too deeply to read (it may be damaged or built to cause harm), so ${words.outcome}; open it in its own program, save a new copy and use that.`));
        else reject(new Error(reply.error));
      }),
    );
    worker.on('error', (e: Error & { code?: string }) =>
      finish(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(e.message) ? tooBig() : e)),
    );
    worker.on('exit', (code) => finish(() => reject(new Error(`the reader stopped unexpectedly (exit code ${code})`))));
    worker.postMessage({ ...req, data: copy } satisfies WorkerRequest, [copy.buffer]);
  });
}
