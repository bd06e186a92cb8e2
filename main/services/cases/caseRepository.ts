import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CaseRecord, CaseSummary, StoredCase } from '../../../shared/domain/case';
import { upgradeStoredRecord } from '../../../shared/domain/upgrade';
import { summaryColumnsOf, type StoredClockInput } from '../../../shared/domain/caseSummary';

/** The only place that holds SQL for cases. All statements are parameterised. */
interface CaseRow {
  id: string;
  revision: number;
  created_at: string;
  updated_at: string;
  record: string;
}

/** A case's clock inputs as the dashboard and the calendar export need them, read from the summary columns. */
export interface CaseClockRow {
  id: string;
  reference: string;
  council: string;
  childName: string;
  clockInput: StoredClockInput;
}

const RECORD_COLUMNS = 'id, revision, created_at, updated_at, record';

/** The case list and the clock inputs, answered from covering indexes (migration 008): no table row is read. */
export const LIST_SQL = 'SELECT id, reference, council, child_name, complainants, archived_on, updated_at, revision FROM cases ORDER BY updated_at DESC, reference';
export const CLOCK_INPUTS_SQL = 'SELECT id, reference, council, child_name, clock_input FROM cases ORDER BY reference';

const toStored = (r: CaseRow): StoredCase => ({
  id: r.id,
  revision: r.revision,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  record: upgradeStoredRecord(JSON.parse(r.record)),
});

/** The summary columns (migration 008) as written with every record: one place, so they never drift apart. */
function summaryValues(record: CaseRecord): [string, string, string, string | null, string] {
  const s = summaryColumnsOf(record);
  return [record.council.name, s.childName, JSON.stringify(s.complainants), s.archivedOn, JSON.stringify(s.clockInput)];
}

export const caseRepository = {
  /** Every case's summary, newest change first, from the columns alone: no record is read or parsed. */
  list(db: Database): CaseSummary[] {
    const rows = db.prepare(LIST_SQL).all() as { id: string; reference: string; council: string; child_name: string; complainants: string; archived_on: string | null; updated_at: string; revision: number }[];
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      council: r.council,
      childName: r.child_name,
      complainants: JSON.parse(r.complainants) as string[],
      updatedAt: r.updated_at,
      revision: r.revision,
      archivedOn: r.archived_on,
    }));
  },

  /** Every case's clock inputs, by reference, from the columns alone. */
  listClockInputs(db: Database): CaseClockRow[] {
    const rows = db.prepare(CLOCK_INPUTS_SQL).all() as {
      id: string;
      reference: string;
      council: string;
      child_name: string;
      clock_input: string;
    }[];
    return rows.map((r) => ({ id: r.id, reference: r.reference, council: r.council, childName: r.child_name, clockInput: JSON.parse(r.clock_input) as StoredClockInput }));
  },

  /** The id of the case with this reference (whatever its letter case), from the indexed column. */
  idByReference(db: Database, reference: string): string | null {
    const row = db.prepare('SELECT id FROM cases WHERE reference = ? COLLATE NOCASE').get(reference) as { id: string } | undefined;
    return row?.id ?? null;
  },

  listRecords(db: Database): StoredCase[] {
    return (db.prepare(`SELECT ${RECORD_COLUMNS} FROM cases ORDER BY reference`).all() as CaseRow[]).map(toStored);
  },

  get(db: Database, id: string): StoredCase | null {
    const row = db.prepare(`SELECT ${RECORD_COLUMNS} FROM cases WHERE id = ?`).get(id) as CaseRow | undefined;
    return row ? toStored(row) : null;
  },

  findByReference(db: Database, reference: string): StoredCase | null {
    const row = db.prepare(`SELECT ${RECORD_COLUMNS} FROM cases WHERE reference = ? COLLATE NOCASE`).get(reference) as CaseRow | undefined;
    return row ? toStored(row) : null;
  },

  /** The record and its summary columns in one statement, so they are always committed together. */
  insert(db: Database, c: StoredCase): void {
    db.prepare(
      `INSERT INTO cases (id, reference, revision, created_at, updated_at, record, council, child_name, complainants, archived_on, clock_input)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(c.id, c.record.reference, c.revision, c.createdAt, c.updatedAt, JSON.stringify(c.record), ...summaryValues(c.record));
  },

  /** Deletes a case; its files and issued documents go with it (ON DELETE CASCADE). */
  remove(db: Database, id: string): void {
    db.prepare('DELETE FROM cases WHERE id = ?').run(id);
  },

  /**
   * Returns false when the stored revision is not the one the caller edited (someone saved in between). The
   * summary columns change in the same statement as the record.
   */
  update(db: Database, c: StoredCase, expectedRevision: number): boolean {
    const res = db
      .prepare(
        `UPDATE cases SET reference = ?, revision = ?, updated_at = ?, record = ?, council = ?, child_name = ?, complainants = ?, archived_on = ?, clock_input = ?
         WHERE id = ? AND revision = ?`,
      )
      .run(c.record.reference, c.revision, c.updatedAt, JSON.stringify(c.record), ...summaryValues(c.record), c.id, expectedRevision);
    return res.changes === 1;
  },
};
