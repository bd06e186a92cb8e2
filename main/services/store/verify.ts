import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CaseRecord } from '../../../shared/domain/case';
import { summaryColumnsOf } from '../../../shared/domain/caseSummary';
import { verifyAuditChain } from './audit';
import { isDamage, type CaseStore } from './caseStore';

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

/**
 * Cases whose summary columns (what the case list and the dashboard show) do not say what their record says:
 * every save writes both in one statement, so a difference means the file was changed outside Casewright.
 */
export function summaryMismatches(db: Database): string[] {
  const problems: string[] = [];
  const rows = db.prepare('SELECT reference, council, child_name, complainants, archived_on, clock_input, record FROM cases ORDER BY reference').iterate() as IterableIterator<{
    reference: string;
    council: string;
    child_name: string;
    complainants: string;
    archived_on: string | null;
    clock_input: string;
    record: string;
  }>;
  for (const row of rows) {
    const record = JSON.parse(row.record) as CaseRecord;
    const s = summaryColumnsOf(record);
    const same =
      row.reference === record.reference &&
      row.council === record.council.name &&
      row.child_name === s.childName &&
      row.complainants === JSON.stringify(s.complainants) &&
      row.archived_on === s.archivedOn &&
      row.clock_input === JSON.stringify(s.clockInput);
    if (!same) problems.push(`Case ${row.reference}: the case list's summary of it does not match the case itself; the store may have been changed outside Casewright.`);
  }
  return problems;
}

/**
 * The checks after SQLite's own, on a store that may be damaged: a check that meets a page that no longer reads
 * adds nothing (the damage is already reported, in one sentence, by the integrity check).
 */
export function checksBeyondIntegrity(store: CaseStore, checks: (() => string[])[], integrity: string[]): string[] {
  return checks.flatMap((check) => {
    try {
      return check();
    } catch (e) {
      if (isDamage(e) && integrity.length > 0) return [];
      throw e;
    }
  });
}

/** Everything `store verify` checks: SQLite's integrity check, the audit chain and the evidence's files. */
export function verifyStore(store: CaseStore): string[] {
  const integrity = store.integrityProblems();
  return [...integrity, ...checksBeyondIntegrity(store, [() => verifyAuditChain(store.db), () => missingEvidenceFiles(store.db), () => summaryMismatches(store.db)], integrity)];
}
