import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CaseRecord, CaseSummary, StoredCase } from '../../../shared/domain/case';
import { upgradeStoredRecord } from '../../../shared/domain/upgrade';

/** The only place that holds SQL for cases. All statements are parameterised. */
interface CaseRow {
  id: string;
  reference: string;
  council: string;
  revision: number;
  created_at: string;
  updated_at: string;
  record: string;
}

const toStored = (r: CaseRow): StoredCase => ({
  id: r.id,
  revision: r.revision,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  record: upgradeStoredRecord(JSON.parse(r.record)),
});

export const caseRepository = {
  list(db: Database): CaseSummary[] {
    const rows = db.prepare('SELECT * FROM cases ORDER BY updated_at DESC, reference').all() as CaseRow[];
    return rows.map((r) => {
      const rec = JSON.parse(r.record) as CaseRecord;
      return {
        id: r.id,
        reference: r.reference,
        council: r.council,
        childName: rec.child.name,
        complainants: rec.complainants.map((c) => c.name),
        updatedAt: r.updated_at,
        revision: r.revision,
        archivedOn: rec.archivedOn ?? null,
      };
    });
  },

  listRecords(db: Database): StoredCase[] {
    return (db.prepare('SELECT * FROM cases ORDER BY reference').all() as CaseRow[]).map(toStored);
  },

  get(db: Database, id: string): StoredCase | null {
    const row = db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
    return row ? toStored(row) : null;
  },

  findByReference(db: Database, reference: string): StoredCase | null {
    const row = db.prepare('SELECT * FROM cases WHERE reference = ? COLLATE NOCASE').get(reference) as CaseRow | undefined;
    return row ? toStored(row) : null;
  },

  insert(db: Database, c: StoredCase): void {
    db.prepare(
      'INSERT INTO cases (id, reference, council, revision, created_at, updated_at, record) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(c.id, c.record.reference, c.record.council.name, c.revision, c.createdAt, c.updatedAt, JSON.stringify(c.record));
  },

  /** Deletes a case; its files and issued documents go with it (ON DELETE CASCADE). */
  remove(db: Database, id: string): void {
    db.prepare('DELETE FROM cases WHERE id = ?').run(id);
  },

  /** Returns false when the stored revision is not the one the caller edited (someone saved in between). */
  update(db: Database, c: StoredCase, expectedRevision: number): boolean {
    const res = db
      .prepare('UPDATE cases SET reference = ?, council = ?, revision = ?, updated_at = ?, record = ? WHERE id = ? AND revision = ?')
      .run(c.record.reference, c.record.council.name, c.revision, c.updatedAt, JSON.stringify(c.record), c.id, expectedRevision);
    return res.changes === 1;
  },
};
