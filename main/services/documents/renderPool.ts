import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { UserFacingError } from '../../../shared/documents/errors';
import type { DocumentModel } from '../../../shared/documents/model';
import { workerLocation } from '../workerLocation';
import type { LeakHit } from '../../../shared/api/types';
import { asBuffer, type CheckJob, type RenderReply, type RenderRequest } from './renderProtocol';

/**
 * In the app, documents are rendered and leak-checked in worker threads (issue 15), not on the main process's
 * thread, which serves every window request: a large report held every request for as long as it took to draw
 * and check, and an export-all of a large case for about a second. The workers also draw the documents of a
 * whole response side by side.
 *
 * How many threads:
 * - `CASEWRIGHT_RENDER_THREADS` if set (0: render on the calling thread);
 * - in the app (Electron): one per core, at most four (the main thread is left little to do but wait);
 * - the command line and Node (tests): none. A command-line process has no window to keep answering, and
 *   measured on two cores, workers made `doc export-all` slower, not faster: each worker loads the renderers
 *   and warms its compiled code again (docs/benchmarks.md).
 *
 * Workers start when first needed (or when `warm` is called), stay while documents keep coming, and stop after
 * a minute idle; an idle worker never keeps a process alive.
 */
const MAX_THREADS = 4;
const IDLE_MS = 60_000;

export function renderThreads(env: NodeJS.ProcessEnv = process.env, versions: NodeJS.ProcessVersions = process.versions, cores: number = os.availableParallelism()): number {
  const set = env.CASEWRIGHT_RENDER_THREADS?.trim();
  if (set !== undefined && /^\d{1,2}$/.test(set)) return Math.min(Number(set), 16);
  if (!versions.electron) return 0;
  return Math.max(1, Math.min(MAX_THREADS, cores));
}

/** The same work on the calling thread, for a pool without threads. */
export interface OnThread {
  render: (model: DocumentModel, format: 'docx' | 'pdf') => Promise<Buffer>;
  check: (job: CheckJob) => Promise<LeakHit[]>;
}
interface Job {
  req: RenderRequest;
  resolve: (reply: Extract<RenderReply, { ok: true }>) => void;
  reject: (e: Error) => void;
}
interface Slot {
  worker: Worker;
  job: Job | null;
  idle: NodeJS.Timeout | null;
}

export class RenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(
    private readonly size: number,
    private readonly onThread: OnThread,
  ) {}

  get threads(): number {
    return this.size;
  }

  async render(model: DocumentModel, format: 'docx' | 'pdf'): Promise<Buffer> {
    if (this.size === 0) return this.onThread.render(model, format);
    const { bytes } = await this.submit({ id: this.nextId++, task: 'render', model, format });
    return asBuffer(bytes!);
  }

  /**
   * The leak check of a complainant's version, in a worker too: reading a long report back and looking for
   * every name in it held the main thread for about 150 ms.
   */
  async check(job: CheckJob): Promise<LeakHit[]> {
    if (this.size === 0) return this.onThread.check(job);
    return (await this.submit({ id: this.nextId++, task: 'check', job })).hits ?? [];
  }

  /** Starts every worker and has it load the renderers and fonts, so the first document does not wait. */
  warm(): void {
    if (this.size === 0) return;
    while (this.slots.length < this.size) {
      const slot = this.spawn();
      this.run(slot, { req: { id: this.nextId++, task: 'warm' }, resolve: () => undefined, reject: () => undefined });
    }
  }

  /** Stops every worker (tests; the app at quit). Jobs still waiting are refused. */
  async close(): Promise<void> {
    const closed = new Error('The document renderer was closed.');
    for (const j of this.queue.splice(0)) j.reject(closed);
    const slots = this.slots.splice(0);
    for (const s of slots) {
      if (s.idle) clearTimeout(s.idle);
      s.job?.reject(closed);
      s.job = null;
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private submit(req: RenderRequest): Promise<Extract<RenderReply, { ok: true }>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      this.run(slot, this.queue.shift()!);
    }
  }

  private run(slot: Slot, job: Job): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
    slot.job = job;
    slot.worker.ref();
    slot.worker.postMessage(job.req);
  }

  private spawn(): Slot {
    const { url, execArgv } = workerLocation(import.meta.url, 'renderWorker');
    const worker = new Worker(url, { execArgv, stdout: false, stderr: false });
    const slot: Slot = { worker, job: null, idle: null };
    this.slots.push(slot);
    worker.on('message', (reply: RenderReply) => {
      const job = slot.job;
      if (!job || job.req.id !== reply.id) return;
      slot.job = null;
      if (reply.ok) job.resolve(reply);
      else if ('userFacing' in reply) job.reject(new UserFacingError(reply.userFacing));
      else job.reject(new Error(reply.error));
      this.rest(slot);
      this.pump();
    });
    // A worker that dies takes only its own document with it: that one is refused, and the next job gets a
    // fresh worker.
    const lost = (e: Error) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      if (slot.idle) clearTimeout(slot.idle);
      slot.job?.reject(e);
      slot.job = null;
      this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the document renderer stopped unexpectedly (exit code ${code})`)));
    return slot;
  }

  /** An idle worker lets the process exit, and stops after a minute with nothing to do. */
  private rest(slot: Slot): void {
    if (slot.job) return;
    slot.worker.unref();
    slot.idle = setTimeout(() => {
      const i = this.slots.indexOf(slot);
      if (i >= 0 && !slot.job) {
        this.slots.splice(i, 1);
        void slot.worker.terminate();
      }
    }, IDLE_MS);
    slot.idle.unref();
  }
}
