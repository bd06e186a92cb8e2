import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../../main/services/store/migrations';
import { migration006 } from '../../../main/services/store/migrations/006_exchange';

describe('migration 006: the review exchange', () => {
  it('adds one identity row at most, contacts by fingerprint and packages by id (kept when their case goes), after 001–005', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 5));
    migrate(db, [...MIGRATIONS.slice(0, 5), migration006]);
    const id = db.prepare('INSERT INTO exchange_identity (id, name, role, organisation, encryption_secret, encryption_public, signing_secret, signing_public, fingerprint, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    id.run(1, 'Dr Femi Adebayo', 'independent person', '', 's', 'p', 's', 'p', 'F', '2026-11-28T10:00:00Z');
    expect(() => id.run(2, 'Someone else', 'other', '', 's', 'p', 's', 'p', 'G', '2026-11-28T10:00:00Z')).toThrow(/CHECK/);
    const contact = db.prepare('INSERT INTO exchange_contacts (fingerprint, name, role, organisation, encryption_public, signing_public, verified, verified_at, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    contact.run('AAAA', 'Zofia Wójcik-O’Neill', 'investigating officer', '', 'age1', 'ab', 0, null, '2026-11-28');
    expect(() => contact.run('AAAA', 'Twice', 'other', '', 'age1', 'ab', 0, null, '2026-11-28')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => contact.run('BBBB', 'Bad flag', 'other', '', 'age1', 'ab', 2, null, '2026-11-28')).toThrow(/CHECK/);
    db.prepare("INSERT INTO cases (id, reference, council, record, revision, created_at, updated_at) VALUES ('c1', 'R-1', 'X', '{}', 1, 'now', 'now')").run();
    db.prepare("INSERT INTO exchange_packages (id, direction, kind, case_id, reference, counterpart, counterpart_name, at) VALUES ('p1', 'in', 'review-request', 'c1', 'R-1', 'AAAA', 'Zofia', 'now')").run();
    expect(() => db.prepare("INSERT INTO exchange_packages (id, direction, kind, case_id, reference, counterpart, counterpart_name, at) VALUES ('p2', 'sideways', 'x', NULL, 'R', 'A', 'Z', 'now')").run()).toThrow(/CHECK/);
    db.prepare("DELETE FROM cases WHERE id = 'c1'").run();
    // The package stays recorded (so it can never be opened again), without its case.
    expect(db.prepare("SELECT case_id FROM exchange_packages WHERE id = 'p1'").get()).toEqual({ case_id: null });
    db.close();
  });
});
