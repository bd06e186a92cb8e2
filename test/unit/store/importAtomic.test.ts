import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttachmentService } from '../../../main/services/attachments/attachmentService';
import { CaseService } from '../../../main/services/cases/caseService';
import { UserError } from '../../../main/services/errors';
import { listAudit } from '../../../main/services/store/audit';
import { CaseStore } from '../../../main/services/store/caseStore';
import { verifyStore } from '../../../main/services/store/verify';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { SAMPLE_EML } from '../../fixtures/makeFiles';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';

function setup() {
  const store = CaseStore.create(path.join(tempDir(), 'cases.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
  return { store, cases: new CaseService(() => store.db, 'IO'), files: new AttachmentService(() => store.db, 'IO') };
}

/** A case file with two attached files, the second of which the store will refuse. */
async function caseFileWithBadSecondFile(): Promise<{ json: string; good: string }> {
  const { cases, files } = setup();
  const c = cases.create(buildDemoCase('2026-11-27'));
  const a = await files.add(c.id, 'email.eml', Buffer.from(SAMPLE_EML, 'utf8'));
  const b = await files.add(c.id, 'notes.txt', Buffer.from('interview notes', 'utf8'));
  const withEvidence = cases.update(c.id, c.revision, {
    ...c.record,
    evidence: [
      ...c.record.evidence,
      { id: 'ev-a', ref: 'E8', title: 'E-mail', source: 'Complainant', date: null, description: '', attachmentId: a.id, pointIds: [], extracts: [] },
      { id: 'ev-b', ref: 'E9', title: 'Notes', source: 'Council', date: null, description: '', attachmentId: b.id, pointIds: [], extracts: [] },
    ],
  });
  const good = await cases.exportJson(withEvidence.id);
  const file = JSON.parse(good) as { attachments: { fileName: string; dataBase64: string; sha256: string }[] };
  // Claims to be a PDF but is not: the attachment checks refuse it, after the first file was accepted.
  file.attachments[1]!.fileName = 'notes.pdf';
  return { json: JSON.stringify(file), good };
}

describe('importing a case', () => {
  it('is all or nothing: a refused file leaves no case, no files and no import in the audit log, and a retry works', async () => {
    const { json, good } = await caseFileWithBadSecondFile();
    const { store, cases } = setup();
    await expect(cases.importJson(json)).rejects.toBeInstanceOf(UserError);
    expect(cases.list()).toEqual([]);
    expect(store.db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 0 });
    expect(listAudit(store.db).map((r) => r.action)).toEqual(['store.create']);
    expect(verifyStore(store)).toEqual([]);
    const imported = await cases.importJson(good);
    expect(imported.record.reference).toBe('DEMO-ST2-0001');
    expect(verifyStore(store)).toEqual([]);
    store.lock();
  });

  it('store verify names evidence that points at a file the store does not hold', () => {
    const { store, cases } = setup();
    const c = cases.create(buildDemoCase('2026-11-27'));
    cases.update(c.id, c.revision, {
      ...c.record,
      evidence: [...c.record.evidence, { id: 'ev-x', ref: 'E7', title: 'Lost scan', source: 'Council', date: null, description: '', attachmentId: 'no-such-file', pointIds: [], extracts: [] }],
    });
    expect(verifyStore(store)).toEqual(['Case DEMO-ST2-0001: evidence E7 points at a file that is not in the store.']);
    store.lock();
  });
});
