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
    const fin = await docs.issue(changed, 'investigation-report', 'council', '2026-11-27', true);
    expect(fin).toMatchObject({ version: 2, final: true });
    expect(docs.current(changed, 'investigation-report', 'council', '2026-11-27').draft).toBeNull();
    await expect(docs.issue(changed, 'investigation-report', 'council', '2026-11-27', false)).rejects.toThrow(/already final as version 2/);
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
