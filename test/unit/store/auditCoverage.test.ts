import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttachmentService } from '../../../main/services/attachments/attachmentService';
import { CaseService } from '../../../main/services/cases/caseService';
import { listAudit, verifyAuditChain } from '../../../main/services/store/audit';
import { CaseStore } from '../../../main/services/store/caseStore';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { SAMPLE_EML } from '../../fixtures/makeFiles';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';

/** Every way the app itself changes cases, files and issued documents leaves the store verifying clean. */
function twoStores() {
  const dir = tempDir();
  const a = CaseStore.create(path.join(dir, 'a.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
  const b = CaseStore.create(path.join(dir, 'b.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
  return { a, b };
}

describe('what the audit log covers', () => {
  it('covers a case imported with its files, each file with an entry of its own', async () => {
    const { a, b } = twoStores();
    const c = new CaseService(() => a.db, 'IO').create(buildDemoCase('2026-11-27'));
    await new AttachmentService(() => a.db, 'IO').add(c.id, 'mail.eml', Buffer.from(SAMPLE_EML, 'utf8'));
    const json = await new CaseService(() => a.db, 'IO').exportJson(c.id);
    const imported = await new CaseService(() => b.db, 'IO').importJson(json);
    expect(listAudit(b.db, imported.id).map((r) => r.action)).toEqual(['case.import', 'attachment.import']);
    expect(verifyAuditChain(b.db)).toEqual([]);
    expect(verifyAuditChain(a.db)).toEqual([]);
  });

  it('leaves nothing, not even an audit entry, when an import is refused part-way (the import is one transaction)', async () => {
    const { a, b } = twoStores();
    const c = new CaseService(() => a.db, 'IO').create(buildDemoCase('2026-11-27'));
    const good = Buffer.from(SAMPLE_EML, 'utf8');
    await new AttachmentService(() => a.db, 'IO').add(c.id, 'mail.eml', good);
    const file = JSON.parse(await new CaseService(() => a.db, 'IO').exportJson(c.id)) as { attachments: { fileName: string; dataBase64: string; sha256?: string }[] };
    // A second file that cannot be stored (empty) after one that can: the import is undone as a whole.
    file.attachments.push({ ...file.attachments[0]!, id: 'second', fileName: 'empty.eml', dataBase64: '', sha256: undefined } as never);
    await expect(new CaseService(() => b.db, 'IO').importJson(JSON.stringify(file))).rejects.toThrow(/The case was not imported/);
    expect(listAudit(b.db).map((e) => e.action)).toEqual(['store.create']);
    expect(new CaseService(() => b.db, 'IO').list()).toEqual([]);
    expect(verifyAuditChain(b.db)).toEqual([]);
  });
});
