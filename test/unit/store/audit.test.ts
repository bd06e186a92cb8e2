import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { appendAudit, auditHead, extendsAnchor, listAudit, verifyAuditChain } from '../../../main/services/store/audit';
import { useAuditKey } from '../../../main/services/store/auditKey';
import { caseRef } from '../../../main/services/store/digests';
import { migrate } from '../../../main/services/store/migrations';

function freshDb() {
  const db = new Database(':memory:');
  migrate(db);
  useAuditKey(db, { key: randomBytes(32), keyedFrom: 1 });
  for (let i = 0; i < 5; i++) appendAudit(db, { actor: 'IO', action: 'case.update', entity: 'case', entityId: 'c1', detail: { i } });
  return db;
}

const addCase = (db: Database.Database, id: string, summary: string) => {
  db.prepare("INSERT INTO cases (id, reference, council, revision, created_at, updated_at, record) VALUES (?, ?, 'C', 1, 'a', 'b', ?)").run(id, `REF-${id}`, JSON.stringify({ summary }));
  appendAudit(db, { actor: 'IO', action: 'case.create', entity: 'case', entityId: id, detail: {}, covers: [caseRef(id)] });
};

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
    expect(verifyAuditChain(db)).toEqual([
      'The audit log’s guard audit_log_no_update is missing or has been changed, so entries could be altered in place.',
      'Audit entry 3 has been altered since it was written.',
    ]);
  });

  it('detects a removed entry', () => {
    const db = freshDb();
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    const problems = verifyAuditChain(db);
    expect(problems).toContain('Audit entry 2 is missing (the next entry is 3).');
    expect(problems).toContain('Audit entry 3 does not follow on from the entry before it.');
  });

  it('is keyed: the same entries under another key do not verify', () => {
    const db = freshDb();
    useAuditKey(db, { key: randomBytes(32), keyedFrom: 1 });
    expect(verifyAuditChain(db)).toEqual([1, 2, 3, 4, 5].map((n) => `Audit entry ${n} has been altered since it was written.`));
  });

  it('refuses to write, and says why on verify, when the key could not be unlocked', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(() => appendAudit(db, { actor: 'IO', action: 'x', entity: 'store', entityId: null, detail: {} })).toThrow(/its audit log’s key cannot be unlocked/);
  });

  it('records a digest of what each entry changed and reports changes, additions and removals made without one', () => {
    const db = freshDb();
    addCase(db, 'a', 'first');
    addCase(db, 'b', 'second');
    expect(listAudit(db).at(-1)!.covers).toEqual({ 'case:b': { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), label: 'Case REF-b' } });
    expect(verifyAuditChain(db)).toEqual([]);
    db.prepare("UPDATE cases SET record = '{\"summary\":\"other\"}' WHERE id = 'a'").run();
    db.prepare("DELETE FROM cases WHERE id = 'b'").run();
    db.prepare("INSERT INTO cases (id, reference, council, revision, created_at, updated_at, record) VALUES ('c', 'REF-c', 'C', 1, 'a', 'b', '{}')").run();
    expect(verifyAuditChain(db)).toEqual([
      'Case REF-a has been changed without an audit entry.',
      'Case REF-c is in the store but no audit entry records it being added.',
      'Case REF-b has been deleted without an audit entry.',
    ]);
  });

  it('compares the log with the anchor kept outside the store', () => {
    const db = freshDb();
    const anchor = auditHead(db)!;
    expect(anchor.length).toBe(5);
    appendAudit(db, { actor: 'IO', action: 'case.update', entity: 'case', entityId: 'c1', detail: {} });
    expect(extendsAnchor(db, anchor)).toBe(true);
    expect(verifyAuditChain(db, { anchor })).toEqual([]);
    expect(verifyAuditChain(db, { anchor: { length: 9, head: anchor.head } })).toEqual([
      'The audit log is shorter than when this device last saw it (9 entries, now 6): entries have been removed.',
    ]);
    const other = { length: 5, head: 'f'.repeat(64) };
    expect(extendsAnchor(db, other)).toBe(false);
    expect(verifyAuditChain(db, { anchor: other })).toEqual(['Audit entry 5 is not the one this device last saw there: the log has been rewritten.']);
  });
});
