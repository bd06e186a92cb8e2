import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, currentVersion, migrate } from '../../../main/services/store/migrations';
import { migration001 } from '../../../main/services/store/migrations/001_initial';
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
