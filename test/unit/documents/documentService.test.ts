import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseService } from '../../../main/services/cases/caseService';
import { DocumentService } from '../../../main/services/documents/documentService';
import { CaseStore } from '../../../main/services/store/caseStore';
import { buildDocument } from '../../../shared/documents/build';
import { modelText } from '../../../shared/documents/model';
import { caseRecordSchema } from '../../../shared/domain/case';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';
import { completeDemo } from '../../helpers/sampleCases';

describe('issued documents', () => {
  it('freeze what was issued, refuse what cannot be made yet, and belong to their case', async () => {
    const store = CaseStore.create(path.join(tempDir(), 'd.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
    const cases = new CaseService(() => store.db, 'IO');
    const docs = new DocumentService(() => store.db, 'IO');
    const a = cases.create(buildDemoCase('2026-11-27'));
    const b = cases.create({ ...buildDemoCase('2026-11-27'), reference: 'OTHER-1' });
    const v1 = await docs.issue(a, 'investigation-report', 'council', '2026-11-27', false);
    expect(v1).toMatchObject({ version: 1, final: false });
    const changed = cases.update(a.id, a.revision, { ...a.record, summary: 'A NEW SUMMARY written after issue.' });
    expect(modelText(docs.issuedModel(a.id, v1.id))).not.toContain('A NEW SUMMARY');
    expect(modelText(docs.current(changed, 'investigation-report', 'council', '2026-11-27'))).toContain('A NEW SUMMARY');
    expect(docs.current(changed, 'investigation-report', 'council', '2026-11-27').draft).toEqual({ version: 2 });
    expect(() => docs.issuedModel(b.id, v1.id)).toThrow(/not one of this case’s/);
    await expect(docs.issue(a, 'extension-letter', 'complainant', '2026-11-27', false)).rejects.toThrow(/There is no Stage 2 extension recorded/);
    // The demo is not complete yet (points without findings): it cannot be marked final.
    await expect(docs.issue(changed, 'investigation-report', 'council', '2026-11-27', true)).rejects.toThrow(/cannot be marked final while it is incomplete: No finding yet on points 2, 3, 4, 5\./);
    const complete = cases.update(a.id, changed.revision, completeDemo());
    const fin = await docs.issue(complete, 'investigation-report', 'council', '2026-11-27', true);
    expect(fin).toMatchObject({ version: 2, final: true });
    expect(docs.current(complete, 'investigation-report', 'council', '2026-11-27').draft).toBeNull();
    await expect(docs.issue(complete, 'investigation-report', 'council', '2026-11-27', false)).rejects.toThrow(/already final as version 2/);
    store.lock();
  });
});

describe('versions (issue 13)', () => {
  it('issue the council’s and the complainant’s versions together under one number, record to whom each was sent, and start a new version when a finding changes after the final', async () => {
    const store = CaseStore.create(path.join(tempDir(), 'v.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
    const cases = new CaseService(() => store.db, 'IO');
    const docs = new DocumentService(() => store.db, 'IO');
    const a = cases.create(completeDemo());
    const v1 = await docs.issue(a, 'adjudication-letter', 'complainant', '2026-11-27', false, '', { complainant: 'Zoë Ó Súilleabháin-Nowak by Egress' });
    expect(v1).toMatchObject({ version: 1, variant: 'complainant', sentTo: 'Zoë Ó Súilleabháin-Nowak by Egress' });
    const list = docs.issued(a.id).filter((d) => d.kind === 'adjudication-letter');
    expect(list.map((d) => [d.variant, d.version, d.sentTo])).toEqual([
      ['complainant', 1, 'Zoë Ó Súilleabháin-Nowak by Egress'],
      ['council', 1, 'Marcus Lee; Helen Carter'],
    ]);
    // Both versions' next draft is number 2, whichever was looked at.
    expect(docs.current(a, 'adjudication-letter', 'council', '2026-11-27').draft).toEqual({ version: 2 });
    expect(docs.current(a, 'adjudication-letter', 'complainant', '2026-11-27').draft).toEqual({ version: 2 });
    const fin = await docs.issue(a, 'adjudication-letter', 'council', '2026-11-27', true);
    expect(fin).toMatchObject({ version: 2, final: true, sentTo: 'Marcus Lee; Helen Carter' });
    expect(docs.issued(a.id).filter((d) => d.kind === 'adjudication-letter' && d.final).map((d) => d.variant).sort()).toEqual(['complainant', 'council']);
    expect(docs.current(a, 'adjudication-letter', 'complainant', '2026-11-27').draft).toBeNull();
    await expect(docs.issue(a, 'adjudication-letter', 'complainant', '2026-11-27', false)).rejects.toThrow(/already final as version 2, and no finding or decision has changed/);
    // A finding changes after the final: the documents warn and carry the next version, which can be issued.
    const changed = cases.update(a.id, a.revision, { ...a.record, findings: { ...a.record.findings, 'point-3': { ...a.record.findings['point-3']!, finding: 'upheld' } } });
    const next = docs.current(changed, 'adjudication-letter', 'complainant', '2026-11-27');
    expect(next.draft).toEqual({ version: 3 });
    expect(next.notes?.[0]).toMatch(/changed since version 2 was marked final, so this is a new draft, version 3/);
    expect(await docs.issue(changed, 'adjudication-letter', 'complainant', '2026-11-27', false)).toMatchObject({ version: 3 });
    store.lock();
  });
});

describe('the extension letter', () => {
  it('counts from the date the council’s profile counts from', () => {
    const demo = buildDemoCase('2026-11-27');
    const base = {
      ...demo,
      keyDates: { ...demo.keyDates, stage2Requested: '2024-03-01', statementAgreed: '2024-03-20' },
      extensions: [{ id: 'x', clock: 'stage2-response-from-request', agreedOn: '2024-03-25', reason: 'complexity', complainantToldOn: '2024-03-25', complainantToldHow: 'letter', newDueDate: '2024-05-20' }],
    };
    const fromRequest = caseRecordSchema.parse({ ...base, council: { ...demo.council, stage2StartsFrom: 'stage2Requested' } });
    const t = modelText(buildDocument('extension-letter', fromRequest, { today: '2024-03-25', variant: 'complainant', draft: null }));
    expect(t).toContain('You asked for a Stage 2 investigation on 1 March 2024. The regulations ask us to respond within 25 working days of that date, which would have been by 9 April 2024.');
    expect(t).toContain('20 May 2024');
    const fromStatement = caseRecordSchema.parse({ ...base, extensions: [{ ...base.extensions[0], clock: 'stage2-response-from-statement' }] });
    expect(modelText(buildDocument('extension-letter', fromStatement, { today: '2024-03-25', variant: 'complainant', draft: null }))).toContain(
      'We agreed your statement of complaint on 20 March 2024. The regulations ask us to respond within 25 working days of that date, which would have been by 26 April 2024.',
    );
  });
});
