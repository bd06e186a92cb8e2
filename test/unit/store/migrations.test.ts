import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, currentVersion, migrate } from '../../../main/services/store/migrations';
import { migration001 } from '../../../main/services/store/migrations/001_initial';
import { migration002 } from '../../../main/services/store/migrations/002_attachments_and_search';
import { migration003 } from '../../../main/services/store/migrations/003_document_issues';
import { migration004 } from '../../../main/services/store/migrations/004_keyed_audit';
import { tempDir } from '../../helpers/tmp';

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('are numbered 1..n and all apply to an empty store, recording user_version', () => {
    const db = new Database(path.join(tempDir(), 'm.db'));
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(currentVersion(db)).toBe(LATEST_VERSION);
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('001 creates the meta, cases and append-only audit tables', () => {
    const db = new Database(':memory:');
    migrate(db, [migration001]);
    expect(tables(db)).toEqual(expect.arrayContaining(['audit_log', 'cases', 'meta']));
    db.prepare("INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash) VALUES (1, 'a', 'b', 'c', 'd', NULL, '{}', 'p', 'h')").run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO cases VALUES ('i', 'R', 'C', 1, 'a', 'b', 'not json')").run()).toThrow();
    db.close();
  });

  it('004 adds what each audit entry covers and records where the keyed part of an older log begins', () => {
    const db = new Database(':memory:');
    migrate(db, [migration001, migration002, migration003]);
    const add = db.prepare("INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash) VALUES (?, 'a', 'b', 'c', 'd', NULL, '{}', 'p', 'h')");
    add.run(1);
    add.run(2);
    migrate(db, [migration001, migration002, migration003, migration004]);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'audit_keyed_from'").get()).toEqual({ value: '3' });
    expect(db.prepare('SELECT covers FROM audit_log WHERE seq = 1').get()).toEqual({ covers: null });
    expect(() => db.prepare("INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, covers, prev_hash, hash) VALUES (3, 'a', 'b', 'c', 'd', NULL, '{}', 'not json', 'p', 'h')").run()).toThrow();
    // A new store's log is keyed from its first entry.
    const fresh = new Database(':memory:');
    migrate(fresh);
    expect(fresh.prepare("SELECT value FROM meta WHERE key = 'audit_keyed_from'").get()).toEqual({ value: '1' });
    db.close();
    fresh.close();
  });

  it('roll back a failing migration as a whole and keep the last good version', () => {
    const db = new Database(':memory:');
    const broken = {
      version: 2,
      name: 'broken',
      up(d: Database.Database) {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [migration001, broken])).toThrow('boom');
    expect(currentVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half_done');
    db.close();
  });

  it('refuse a list whose numbering has a gap', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ ...migration001, version: 2 }])).toThrow(/numbered 2, expected 1/);
    db.close();
  });
});
