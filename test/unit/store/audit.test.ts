import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { appendAudit, listAudit, verifyAuditChain } from '../../../main/services/store/audit';
import { migrate } from '../../../main/services/store/migrations';

function freshDb() {
  const db = new Database(':memory:');
  migrate(db);
  for (let i = 0; i < 5; i++) appendAudit(db, { actor: 'IO', action: 'case.update', entity: 'case', entityId: 'c1', detail: { i } });
  return db;
}

describe('the audit log hash chain', () => {
  it('links every entry to the one before and verifies clean', () => {
    const db = freshDb();
    const rows = listAudit(db);
    expect(rows).toHaveLength(5);
    rows.slice(1).forEach((r, i) => expect(r.prevHash).toBe(rows[i]!.hash));
    expect(verifyAuditChain(db)).toEqual([]);
  });

  it('detects an entry altered behind the triggers', () => {
    const db = freshDb();
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET detail = '{\"i\":99}' WHERE seq = 3").run();
    expect(verifyAuditChain(db)).toEqual(['Audit entry 3 has been altered since it was written.']);
  });

  it('detects a removed entry', () => {
    const db = freshDb();
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    const problems = verifyAuditChain(db);
    expect(problems).toContain('Audit entry 2 is missing (the next entry is 3).');
    expect(problems).toContain('Audit entry 3 does not follow on from the entry before it.');
  });
});
