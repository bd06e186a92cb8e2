import type { Migration } from './types';

/**
 * Revoking a contact's card, and replacing this store's own keys (docs/exchange.md, "Lost laptops and new keys").
 * A contact's card can be marked as no longer trusted (when and why): nothing is sent to it and no package signed
 * with it is opened. A card that proved it replaces earlier cards says which (`replaces`, a JSON list); once it
 * has been checked with its holder, each earlier card points to it (`replaced_by`), so a review begun with an
 * earlier card carries on. This store's own earlier keys are kept in `exchange_previous_identities`: the
 * encryption key (packages already on their way to it still open) and the statement, signed with that key when
 * it was replaced, that the next card replaces it. The earlier signing keys themselves are not kept.
 */
export const migration011: Migration = {
  version: 11,
  name: 'key rotation and revocation',
  up(db) {
    db.exec(`
      ALTER TABLE exchange_contacts ADD COLUMN revoked_at TEXT;
      ALTER TABLE exchange_contacts ADD COLUMN revoked_reason TEXT;
      ALTER TABLE exchange_contacts ADD COLUMN replaced_by TEXT;
      ALTER TABLE exchange_contacts ADD COLUMN replaces TEXT CHECK (replaces IS NULL OR json_valid(replaces));
      CREATE TABLE exchange_previous_identities (
        fingerprint TEXT PRIMARY KEY,
        encryption_secret TEXT NOT NULL,
        encryption_public TEXT NOT NULL,
        signing_public TEXT NOT NULL,
        created_at TEXT NOT NULL,
        retired_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        replaced_by TEXT NOT NULL,
        statement TEXT NOT NULL
      ) STRICT;
    `);
  },
};
