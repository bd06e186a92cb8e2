import type { Migration } from './types';

/**
 * The Stage 3 hearing pack of each case (issue 16): its sections, documents, redactions, panel and whether it
 * has been sent, as one JSON record validated by shared/bundle/model.ts. Added PDFs are attachments.
 *
 * Numbered 007 for the release (006 is another change being made in parallel); on the branch that added it
 * it is the sixth migration, and its version follows its place in MIGRATIONS when the branches are merged.
 */
export const migration007: Migration = {
  version: 6,
  name: 'hearing packs',
  up(db) {
    db.exec(`
      CREATE TABLE hearing_packs (
        case_id TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
        model TEXT NOT NULL CHECK (json_valid(model)),
        revision INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
