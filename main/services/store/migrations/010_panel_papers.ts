import type { Migration } from './types';

/**
 * Papers received by a panel member (issue 16, sending the hearing pack): one row per package opened
 * (who sent it, for which case reference and hearing) and its PDFs as blobs, inside the encrypted store like
 * every attachment; they belong to no case, because the panel member's store holds none.
 */
export const migration010: Migration = {
  version: 10,
  name: 'panel papers',
  up(db) {
    db.exec(`
      CREATE TABLE panel_deliveries (
        package_id TEXT PRIMARY KEY,
        sender_fingerprint TEXT NOT NULL,
        sender_name TEXT NOT NULL,
        sender_organisation TEXT NOT NULL,
        origin_case_id TEXT NOT NULL,
        reference TEXT NOT NULL,
        hearing_date TEXT,
        member_name TEXT NOT NULL,
        member_role TEXT NOT NULL CHECK (member_role IN ('chair', 'member')),
        manifest TEXT NOT NULL CHECK (json_valid(manifest)),
        sent_at TEXT NOT NULL,
        received_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX panel_deliveries_hearing ON panel_deliveries (sender_fingerprint, origin_case_id, sent_at);
      CREATE TABLE panel_papers (
        id TEXT PRIMARY KEY,
        package_id TEXT NOT NULL REFERENCES panel_deliveries(package_id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('pack', 'document')),
        document_kind TEXT,
        title TEXT NOT NULL,
        file_name TEXT NOT NULL,
        pages INTEGER NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        manifest_sha256 TEXT NOT NULL,
        data BLOB NOT NULL,
        UNIQUE (package_id, position)
      ) STRICT;
    `);
  },
};
