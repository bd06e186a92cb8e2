import type { Migration } from './types';

/**
 * Issued documents: once a draft (or the final) is issued, its model is frozen here, so what was sent can be
 * produced again word for word however the case changes afterwards.
 */
export const migration003: Migration = {
  version: 3,
  name: 'issued document versions',
  up(db) {
    db.exec(`
      CREATE TABLE document_issues (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        variant TEXT NOT NULL CHECK (variant IN ('complainant', 'council')),
        subject_id TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL CHECK (version >= 1),
        final INTEGER NOT NULL CHECK (final IN (0, 1)),
        issued_at TEXT NOT NULL,
        issued_by TEXT NOT NULL,
        model TEXT NOT NULL CHECK (json_valid(model)),
        UNIQUE (case_id, kind, variant, subject_id, version)
      ) STRICT;
    `);
  },
};
