import { describe, expect, it } from 'vitest';
import { b64, party } from './parties';

describe('case handover to the council (issue 14)', () => {
  it('carries the whole case with its files, issued documents and audit trail, kept read-only in the council’s store', async () => {
    const io = await party('Zofia Wójcik-O’Neill', 'investigating officer', 'Ó Briain & Wójcik', { demo: true });
    const council = await party('Harrowfield Complaints Team', 'council', 'Harrowfield Borough Council');
    await io.call('exchange.addContact', { text: await council.card(), verified: true });
    await council.call('exchange.addContact', { text: await io.card(), verified: true });
    const c = await io.firstCase();
    await io.call('attachments.add', { caseId: c.id, fileName: 'Letter to Ms Ó Súilleabháin-Nowak.txt', dataBase64: Buffer.from('Dear Ms Ó Súilleabháin-Nowak,\n').toString('base64') });
    await io.call('documents.issue', { caseId: c.id, kind: 'investigation-report', variant: 'council', final: false });
    const out = io.saveTo('handover.cwpack');
    await io.call('exchange.handover', { caseId: c.id, to: 'Harrowfield Complaints Team' });
    const opened = await council.call('exchange.open', { dataBase64: b64(out) });
    expect(opened.kind).toBe('case-handover');
    expect(opened.held).toContain('Kept read-only');
    const got = await council.call('cases.get', { id: opened.caseId! });
    expect(got.record.reference).toBe(c.reference);
    expect(got.record.handover).toMatchObject({ from: 'Zofia Wójcik-O’Neill' });
    const files = (await council.call('attachments.list', { caseId: opened.caseId! })).map((f) => f.fileName).sort();
    expect(files).toEqual(['Audit trail from Zofia Wójcik-O’Neill.txt', 'Letter to Ms Ó Súilleabháin-Nowak.txt', 'email-family-time.eml']);
    const trail = (await council.call('attachments.read', { id: (await council.call('attachments.list', { caseId: opened.caseId! })).find((f) => f.fileName.startsWith('Audit'))!.id })).text;
    expect(trail).toMatch(/document\.issue/);
    expect((await council.call('documents.list', { caseId: opened.caseId! })).map((d) => `${d.kind} v${d.version}`)).toEqual(['investigation-report v1', 'investigation-report v1']);
    // Read-only: an edit is refused with a sentence and changes nothing.
    const before = await council.snapshot();
    expect(await council.dispatch('cases.update', { id: got.id, revision: got.revision, record: { ...got.record, teamComplainedAbout: 'Changed' } })).toMatchObject({
      ok: false,
      error: { code: 'READ_ONLY', message: `Case ${c.reference} was handed over to this store for its records and is read-only.` },
    });
    const readOnly = { ok: false, error: { code: 'READ_ONLY', message: `Case ${c.reference} was handed over to this store for its records and is read-only.` } };
    expect(await council.dispatch('attachments.add', { caseId: got.id, fileName: 'extra.txt', dataBase64: Buffer.from('x').toString('base64') })).toMatchObject(readOnly);
    expect(await council.dispatch('documents.issue', { caseId: got.id, kind: 'investigation-report', variant: 'council', final: true })).toMatchObject(readOnly);
    expect(await council.dispatch('review.comment', { caseId: got.id, on: 'point:1', text: 'x' })).toMatchObject(readOnly);
    expect(await council.snapshot()).toBe(before);
    // Opened again: refused as already opened, nothing changed.
    expect(await council.dispatch('exchange.open', { dataBase64: b64(out) })).toMatchObject({ ok: false, error: { code: 'ALREADY_OPENED' } });
    expect(await council.snapshot()).toBe(before);
    expect(await council.call('store.verify', {})).toMatchObject({ ok: true });
  }, 120_000);
});
