import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../../main/services/store/migrations';
import { migration011 } from '../../../main/services/store/migrations/011_key_rotation';

describe('migration 011: revoked contacts and replaced keys', () => {
  it('keeps contacts and the identity as they were (trusted, replacing nothing), and adds the earlier-keys table', () => {
    const db = new Database(':memory:');
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration011));
    expect(before.length).toBe(10);
    migrate(db, before);
    db.prepare("INSERT INTO exchange_identity (id, name, role, organisation, encryption_secret, encryption_public, signing_secret, signing_public, fingerprint, created_at) VALUES (1, 'Zofia', 'other', '', 's', 'p', 'ss', 'sp', 'F1', 'then')").run();
    db.prepare("INSERT INTO exchange_contacts (fingerprint, name, role, organisation, encryption_public, signing_public, verified, verified_at, added_at) VALUES ('F2', 'Femi', 'other', '', 'p', 's', 1, 'then', 'then')").run();
    migrate(db, [...before, migration011]);
    expect(db.prepare('SELECT revoked_at, revoked_reason, replaced_by, replaces, verified FROM exchange_contacts').get()).toEqual({ revoked_at: null, revoked_reason: null, replaced_by: null, replaces: null, verified: 1 });
    expect(() => db.prepare("UPDATE exchange_contacts SET replaces = 'not json'").run()).toThrow(/CHECK/);
    expect(db.prepare('SELECT fingerprint FROM exchange_identity').get()).toEqual({ fingerprint: 'F1' });
    const insert = db.prepare("INSERT INTO exchange_previous_identities (fingerprint, encryption_secret, encryption_public, signing_public, created_at, retired_at, reason, replaced_by, statement) VALUES (?, 's', 'p', 'sp', 'then', 'now', ?, 'F1', 'sig')");
    insert.run('F0', 'laptop stolen');
    expect(() => insert.run('F0', 'again')).toThrow(/UNIQUE/);
    expect(() => insert.run('F9', null)).toThrow(/NOT NULL/);
    db.close();
  });
});
