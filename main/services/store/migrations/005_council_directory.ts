import type { Migration } from './types';

/**
 * The council directory: each commissioning council's profile (procedure, closure days, letterhead, marking…)
 * kept once per store, so a freelance investigator enters it once and picks it for each new case.
 */
export const migration005: Migration = {
  version: 5,
  name: 'council directory',
  up(db) {
    db.exec(`
      CREATE TABLE councils (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        profile TEXT NOT NULL CHECK (json_valid(profile)),
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX councils_by_name ON councils(name COLLATE NOCASE);
    `);
  },
};
