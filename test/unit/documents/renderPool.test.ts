import { afterAll, describe, expect, it } from 'vitest';
import { renderDocx } from '../../../main/services/documents/docxRenderer';
import { renderPdf } from '../../../main/services/documents/pdfRenderer';
import { RenderPool, renderThreads } from '../../../main/services/documents/renderPool';
import { ON_THREAD } from '../../../main/services/documents/documentService';
import { UserFacingError } from '../../../shared/documents/errors';
import { buildDocument } from '../../../shared/documents/build';
import type { DocumentModel } from '../../../shared/documents/model';
import { undatedParts } from '../../helpers/documents';
import { hardCase } from './hardCase';

/**
 * Issue 15: in the app, documents are drawn in worker threads so the main process keeps answering the window.
 * What a worker draws must be what the main thread would have drawn, byte for byte (bar the time of writing:
 * the PDF's dates and file identifier, the Word file's dates); its refusals must reach the user as the same sentence; and a worker that dies
 * takes only its own document with it.
 */
const here = (m: DocumentModel, f: 'docx' | 'pdf') => (f === 'pdf' ? renderPdf(m) : renderDocx(m));
const pool = new RenderPool(2, ON_THREAD);
afterAll(() => pool.close());

/** A PDF with its creation and modification dates and its file identifier blanked. */
const undated = (b: Buffer) =>
  b
    .toString('latin1')
    .replace(/D:\d{14}(?:Z|[+-]\d\d'\d\d')?/g, 'D:date')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?/g, 'xmp-date')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/g, '/ID');
const record = hardCase();
const report = (variant: 'council' | 'complainant') => buildDocument('investigation-report', record, { today: '2026-11-27', variant, draft: { version: 1 } });

describe('the render pool', () => {
  it('draws in its threads exactly what the main thread draws, many documents at once', async () => {
    const models = [report('council'), report('complainant'), buildDocument('adjudication-letter', record, { today: '2026-11-27', variant: 'complainant', draft: null })];
    const jobs = models.flatMap((m) => (['docx', 'pdf'] as const).map((f) => ({ m, f })));
    // All at once: more jobs than threads, so some wait in the queue.
    const drawn = await Promise.all(jobs.map(({ m, f }) => pool.render(m, f)));
    for (const [i, { m, f }] of jobs.entries()) {
      const mine = await here(m, f);
      expect(Buffer.isBuffer(drawn[i])).toBe(true);
      if (f === 'docx') expect(await undatedParts(drawn[i]!)).toBe(await undatedParts(mine));
      else {
        expect(drawn[i]!.subarray(0, 5).toString()).toBe('%PDF-');
        expect(undated(drawn[i]!)).toBe(undated(mine));
      }
    }
  }, 120_000);

  it('finds in its threads the same names in a complainant’s version as the main thread does', async () => {
    const staff = record.people.find((p) => p.kind === 'staff')!;
    const m = report('complainant');
    // A real name slipped into the complainant's version: both checks must find it, in both formats.
    m.blocks = [...m.blocks, { type: 'paragraph', runs: [{ text: `As ${staff.name} told me.` }] }];
    const docx = await renderDocx(m);
    const pdf = await renderPdf(m);
    const job = { record, kind: m.kind, files: { docx, pdf, names: ['report.pdf'] }, letterToComplainant: m.letterToComplainant };
    const inPool = await pool.check(job);
    expect(inPool).toEqual(await ON_THREAD.check(job));
    expect(inPool.filter((h) => h.personId === staff.id).map((h) => h.where).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/Word/), expect.stringMatching(/PDF/)]));
    const clean = await pool.check({ ...job, files: { docx: await renderDocx(report('complainant')), pdf: await renderPdf(report('complainant')), names: ['report.pdf'] } });
    expect(clean).toEqual([]);
  }, 60_000);

  it('refuses a document the fonts cannot draw with the renderer’s own sentence', async () => {
    const m = report('council');
    m.blocks = [...m.blocks, { type: 'paragraph', runs: [{ text: 'A name in Thai: สมชาย' }] }];
    const inPool = await pool.render(m, 'pdf').catch((e: unknown) => e);
    const onThread = await renderPdf(m).catch((e: unknown) => e);
    expect(inPool).toBeInstanceOf(UserFacingError);
    expect((inPool as Error).message).toBe((onThread as Error).message);
    expect((inPool as Error).message).toMatch(/สมชาย|ส/);
  }, 60_000);

  it('loses only the document of a worker that dies, and draws the next one in a fresh worker', async () => {
    const m = report('council');
    const pending = pool.render(m, 'pdf');
    const slots = (pool as unknown as { slots: { worker: { terminate: () => Promise<number> }; job: unknown }[] }).slots;
    const busy = slots.find((s) => s.job);
    expect(busy).toBeDefined();
    await busy!.worker.terminate();
    await expect(pending).rejects.toThrow(/stopped unexpectedly/);
    const again = await pool.render(m, 'pdf');
    expect(undated(again)).toBe(undated(await renderPdf(m)));
  }, 60_000);

  it('uses threads in the app only, unless told otherwise', () => {
    const node = { node: '24.0.0' } as NodeJS.ProcessVersions;
    const app = { node: '24.0.0', electron: '39.0.0' } as unknown as NodeJS.ProcessVersions;
    expect(renderThreads({}, node, 8)).toBe(0);
    expect(renderThreads({}, app, 2)).toBe(2);
    expect(renderThreads({}, app, 1)).toBe(1);
    expect(renderThreads({}, app, 16)).toBe(4);
    expect(renderThreads({ CASEWRIGHT_RENDER_THREADS: '2' }, node, 8)).toBe(2);
    expect(renderThreads({ CASEWRIGHT_RENDER_THREADS: '0' }, app, 8)).toBe(0);
    // Not a number: the default, not NaN threads.
    expect(renderThreads({ CASEWRIGHT_RENDER_THREADS: 'many' }, app, 3)).toBe(3);
  });
});
