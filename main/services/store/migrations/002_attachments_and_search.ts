import type { Migration } from './types';

/**
 * Attachments live inside the encrypted store as blobs (never as files beside it), with their extracted text;
 * a full-text index covers the case records and the attachments' text. FTS5's shadow tables are ordinary
 * pages of the encrypted file, so the index is encrypted like everything else.
 */
export const migration002: Migration = {
  version: 2,
  name: 'attachments and full-text search',
  up(db) {
    db.exec(`
      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        sha256 TEXT NOT NULL,
        added_at TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        data BLOB NOT NULL
      ) STRICT;
      CREATE INDEX attachments_by_case ON attachments(case_id);

      CREATE VIRTUAL TABLE search_index USING fts5(
        case_id UNINDEXED,
        kind UNINDEXED,
        item_id UNINDEXED,
        title,
        body,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      -- Which index row holds which item of which case, and a digest of what was indexed: a save
      -- re-indexes only the items that changed, found by case without scanning the whole index.
      CREATE TABLE search_rows (
        case_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        fts_rowid INTEGER NOT NULL,
        digest TEXT NOT NULL,
        PRIMARY KEY (case_id, kind, item_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
