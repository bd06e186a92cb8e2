import type { CaseRecord } from '../../../../shared/domain/case';
import { summaryColumnsOf } from '../../../../shared/domain/caseSummary';
import type { Migration } from './types';

/**
 * Each case's summary in columns beside its record: the child's name, the complainants' names, the archive date
 * and what the clock rules read (procedure, council closures, key dates, extensions, reasons for lateness), so
 * that listing cases, finding a case by reference and the deadlines dashboard read no record (issue 15). The
 * case repository writes them in the same statement as the record on every save.
 *
 * The backfill uses the same function as every save (`summaryColumnsOf`), so the columns hold exactly what a
 * save would have written. Should what the summary holds ever change, a later migration fills the columns again.
 */
export const migration008: Migration = {
  version: 8,
  name: 'case summary columns',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN child_name TEXT NOT NULL DEFAULT '';
      ALTER TABLE cases ADD COLUMN complainants TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(complainants));
      ALTER TABLE cases ADD COLUMN archived_on TEXT;
      ALTER TABLE cases ADD COLUMN clock_input TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(clock_input));
      -- Covering indexes: the new columns sit after the record in each row, and reaching them in the table would
      -- walk the record's overflow pages (hundreds of kilobytes a case). The list and the clock inputs are read
      -- from these indexes alone, and SQLite updates them in the same statement as the row.
      CREATE INDEX cases_list ON cases (updated_at DESC, reference, id, council, revision, child_name, complainants, archived_on);
      CREATE INDEX cases_clock_inputs ON cases (reference, id, council, child_name, clock_input);
    `);
    const put = db.prepare('UPDATE cases SET child_name = ?, complainants = ?, archived_on = ?, clock_input = ? WHERE id = ?');
    for (const row of db.prepare('SELECT id, record FROM cases').all() as { id: string; record: string }[]) {
      const s = summaryColumnsOf(JSON.parse(row.record) as CaseRecord);
      put.run(s.childName, JSON.stringify(s.complainants), s.archivedOn, JSON.stringify(s.clockInput), row.id);
    }
  },
};
