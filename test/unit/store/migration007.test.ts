import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../../main/services/store/migrations';
import { migration007 } from '../../../main/services/store/migrations/007_hearing_packs';

describe('migration 007: hearing packs', () => {
  it('adds one pack per case, valid JSON only, removed with its case', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    // Every migration before it, then it.
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration007));
    migrate(db, before);
    migrate(db, [...before, migration007]);
    const c = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'cases'").get() as { sql: string };
    expect(c.sql).toMatch(/CREATE TABLE cases/);
    db.prepare("INSERT INTO cases (id, reference, council, record, revision, created_at, updated_at) VALUES ('c1', 'R1', 'X', '{}', 1, 'now', 'now')").run();
    const put = db.prepare('INSERT INTO hearing_packs (case_id, model, revision, updated_at) VALUES (?, ?, 1, ?)');
    put.run('c1', '{"sections":[]}', 'now');
    expect(() => put.run('c1', '{}', 'now')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => put.run('c2', 'not json', 'now')).toThrow();
    db.prepare("DELETE FROM cases WHERE id = 'c1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM hearing_packs').get()).toEqual({ n: 0 });
    db.close();
  });
});
