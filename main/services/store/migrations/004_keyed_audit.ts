import type { Migration } from './types';

/**
 * The audit chain becomes keyed and covers the data it describes (issue 9):
 * - each entry may name the records and files it changed, with a digest of each as it was left (`covers`, a
 *   JSON object of "case:<id>" / "attachment:<id>" / "document:<id>" to a SHA-256, or null once removed);
 * - entries from `audit_keyed_from` on are an HMAC-SHA256 under the store's audit key (see
 *   main/services/store/auditKey.ts); the entries before it were written by an earlier version under the old
 *   unkeyed SHA-256 rule and are still checked under that rule.
 * The key itself is created when the store is next opened with its passphrase (a migration has no passphrase).
 */
export const migration004: Migration = {
  version: 4,
  name: 'keyed audit chain covering the data',
  up(db) {
    db.exec('ALTER TABLE audit_log ADD COLUMN covers TEXT CHECK (covers IS NULL OR json_valid(covers))');
    const last = db.prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number | null };
    db.prepare("INSERT INTO meta (key, value) VALUES ('audit_keyed_from', ?)").run(String((last.seq ?? 0) + 1));
  },
};
