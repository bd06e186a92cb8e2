import type { Migration } from './types';

/**
 * The Stage 3 hearing pack of each case (issue 16): its sections, documents, redactions, panel and whether it
 * has been sent, as one JSON record validated by shared/bundle/model.ts. Added PDFs are attachments.
 */
export const migration007: Migration = {
  version: 7,
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
