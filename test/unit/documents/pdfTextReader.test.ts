import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseService } from '../../../main/services/cases/caseService';
import { DocumentService, exportAll } from '../../../main/services/documents/documentService';
import { pdfSources } from '../../../main/services/documents/leakCheck';
import { PdfTextReader } from '../../../main/services/documents/pdfTextReader';
import { renderPdf } from '../../../main/services/documents/pdfRenderer';
import { CaseStore } from '../../../main/services/store/caseStore';
import { buildDocument } from '../../../shared/documents/build';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { hardCase } from './hardCase';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';

const TODAY = '2026-11-27';

/**
 * Issue 15: `doc export-all` reads each complainant PDF's text for the leak check on a worker thread while the
 * next document renders. The worker must read exactly what the main thread reads, the export must refuse with
 * the same sentence and hits, and a worker that fails must stop the export with nothing written.
 */
describe('the leak check reading PDFs on a worker thread', () => {
  const readers: PdfTextReader[] = [];
  const reader = () => {
    const r = new PdfTextReader();
    readers.push(r);
    return r;
  };
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((r) => r.close()));
  });

  function storeWith(record: Parameters<CaseService['create']>[0]) {
    const dir = tempDir();
    const store = CaseStore.create(path.join(dir, 'Łucja O’Brien.cwstore'), GOOD_PASSPHRASE, { actor: 'Nguyễn Thị Ánh' });
    const c = new CaseService(() => store.db, 'test').create(record);
    return { dir, store, c, docs: new DocumentService(() => store.db, 'test') };
  }

  it('reads a PDF of hard names exactly as the main thread does, and refuses a damaged one with the same words', async () => {
    const pdf = await renderPdf(buildDocument('investigation-report', hardCase(), { today: TODAY, variant: 'complainant', draft: { version: 1 } }));
    const r = reader();
    expect(await r.read(pdf)).toEqual(await pdfSources(pdf));
    const damaged = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('Γιώργος Παπαδόπουλος İlkay Yılmaz '.repeat(200))]);
    const here = await pdfSources(damaged).then(() => 'read', (e: Error) => e.message);
    const there = await r.read(damaged).then(() => 'read', (e: Error) => e.message);
    expect(there).toBe(here);
  });

  it('refuses a leaking export with the same sentence and hits, writing nothing either way', async () => {
    const demo = buildDemoCase(TODAY);
    // A real leak the pseudonymiser never sees: the council's contact line names a social worker.
    const { dir, store, c, docs } = storeWith({ ...demo, council: { ...demo.council, contactLines: ['Ask for Jordan Blake on 01632 960 001'] } });
    const outcome = async (readPdf?: (pdf: Buffer) => ReturnType<typeof pdfSources>) => {
      const written: string[] = [];
      const e = await exportAll(docs, c, dir, TODAY, (f) => written.push(f), path.join, readPdf).then(
        () => null,
        (err: Error & { code?: string; details?: unknown }) => err,
      );
      return { written, code: e?.code, message: e?.message, details: e?.details };
    };
    const inline = await outcome();
    const r = reader();
    const onWorker = await outcome((pdf) => r.read(pdf));
    expect(inline.code).toBe('LEAK');
    expect(inline.message).toMatch(/^The complainant’s version still names a person from the people register \(“Jordan Blake”\)/);
    expect(onWorker).toEqual(inline);
    expect(onWorker.written).toEqual([]);
    store.lock();
  });

  it('exports the same files either way', async () => {
    const { dir, store, c, docs } = storeWith(hardCase());
    const names = async (readPdf?: (pdf: Buffer) => ReturnType<typeof pdfSources>) => {
      const written: string[] = [];
      const res = await exportAll(docs, c, path.join(dir, readPdf ? 'worker' : 'inline'), TODAY, (f) => written.push(path.basename(f)), path.join, readPdf);
      return { files: res.files, skipped: res.skipped, written };
    };
    const r = reader();
    const inline = await names();
    expect(inline.files.length).toBeGreaterThan(4);
    expect(await names((pdf) => r.read(pdf))).toEqual(inline);
    store.lock();
  });

  it('stops the export, writing nothing, when the worker stops', async () => {
    const { dir, store, c, docs } = storeWith(hardCase());
    const r = reader();
    const written: string[] = [];
    const readPdf = (pdf: Buffer) => {
      const p = r.read(pdf);
      void (r as unknown as { worker: Worker }).worker.terminate();
      return p;
    };
    await expect(exportAll(docs, c, dir, TODAY, (f) => written.push(f), path.join, readPdf)).rejects.toThrow(/^the PDF reader stopped unexpectedly/);
    expect(written).toEqual([]);
    await expect(r.read(Buffer.from('%PDF-1.7'))).rejects.toThrow(/stopped unexpectedly/);
    store.lock();
  });
});
