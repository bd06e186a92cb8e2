import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../../main/services/store/migrations';
import { migration005 } from '../../../main/services/store/migrations/005_council_directory';

describe('migration 005: the council directory', () => {
  it('adds a councils table whose names are unique whatever their case, after 001–004', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 4));
    migrate(db, [...MIGRATIONS.slice(0, 4), migration005]);
    const put = db.prepare('INSERT INTO councils (id, name, profile, updated_at) VALUES (?, ?, ?, ?)');
    put.run('c1', 'Eastmarsh County Council', '{}', '2026-11-25T10:00:00Z');
    expect(() => put.run('c2', 'EASTMARSH county council', '{}', '2026-11-25T10:00:00Z')).toThrow(/UNIQUE/);
    expect(() => put.run('c3', 'Westholme', 'not json', '2026-11-25T10:00:00Z')).toThrow();
    db.close();
  });
});
