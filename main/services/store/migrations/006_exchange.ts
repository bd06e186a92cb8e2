import type { Migration } from './types';

/**
 * The review exchange (docs/exchange.md): this store's identity (its X25519 and Ed25519 key pairs; the private
 * keys never leave the encrypted store), the contacts added from their cards, and every package sent or opened
 * (opened ones by id, so a package is never opened twice).
 */
export const migration006: Migration = {
  version: 6,
  name: 'review exchange',
  up(db) {
    db.exec(`
      CREATE TABLE exchange_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        organisation TEXT NOT NULL,
        encryption_secret TEXT NOT NULL,
        encryption_public TEXT NOT NULL,
        signing_secret TEXT NOT NULL,
        signing_public TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE exchange_contacts (
        fingerprint TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        organisation TEXT NOT NULL,
        encryption_public TEXT NOT NULL,
        signing_public TEXT NOT NULL,
        verified INTEGER NOT NULL CHECK (verified IN (0, 1)),
        verified_at TEXT,
        added_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE exchange_packages (
        id TEXT PRIMARY KEY,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        kind TEXT NOT NULL,
        case_id TEXT REFERENCES cases(id) ON DELETE SET NULL,
        reference TEXT NOT NULL,
        counterpart TEXT NOT NULL,
        counterpart_name TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
