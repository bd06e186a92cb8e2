import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CaseRecord } from '../../../shared/domain/case';
import { verifyAuditChain } from './audit';
import type { CaseStore } from './caseStore';

/** Evidence entries that point at a file the store does not hold (the case is named, one sentence each). */
export function missingEvidenceFiles(db: Database): string[] {
  const has = db.prepare('SELECT 1 FROM attachments WHERE id = ?');
  const problems: string[] = [];
  for (const row of db.prepare('SELECT reference, record FROM cases ORDER BY reference').iterate() as IterableIterator<{ reference: string; record: string }>) {
    const record = JSON.parse(row.record) as CaseRecord;
    for (const e of record.evidence ?? []) {
      if (e.attachmentId && !has.get(e.attachmentId)) {
        problems.push(`Case ${row.reference}: evidence ${e.ref} points at a file that is not in the store.`);
      }
    }
  }
  return problems;
}

/** Everything `store verify` checks: SQLite's integrity check, the audit chain and the evidence's files. */
export function verifyStore(store: CaseStore): string[] {
  return [...store.integrityProblems(), ...verifyAuditChain(store.db), ...missingEvidenceFiles(store.db)];
}
