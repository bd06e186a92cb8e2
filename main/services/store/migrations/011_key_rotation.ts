import type { Migration } from './types';

/**
 * Revoking a contact's card, and replacing this store's own keys (docs/exchange.md, "Lost laptops and new keys").
 * A contact's card can be marked as no longer trusted (when and why): nothing is sent to it and no package signed
 * with it is opened; when their new card replaced it, which card (so a review begun with the old card carries on). This store's own identity can be given new keys: the old encryption key is kept (packages
 * already on their way to it still open) and the new card carries a statement, signed with the old signing key,
 * that it replaces the old fingerprint. The old signing key is not kept.
 */
export const migration011: Migration = {
  version: 11,
  name: 'key rotation and revocation',
  up(db) {
    db.exec(`
      ALTER TABLE exchange_contacts ADD COLUMN revoked_at TEXT;
      ALTER TABLE exchange_contacts ADD COLUMN revoked_reason TEXT;
      ALTER TABLE exchange_contacts ADD COLUMN replaced_by TEXT;
      ALTER TABLE exchange_identity ADD COLUMN replaces_fingerprint TEXT;
      ALTER TABLE exchange_identity ADD COLUMN replaces_signature TEXT;
      CREATE TABLE exchange_previous_identities (
        fingerprint TEXT PRIMARY KEY,
        encryption_secret TEXT NOT NULL,
        encryption_public TEXT NOT NULL,
        signing_public TEXT NOT NULL,
        created_at TEXT NOT NULL,
        retired_at TEXT NOT NULL,
        reason TEXT NOT NULL
      ) STRICT;
    `);
  },
};
