import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { ALIAS_SEPARATOR, bodyAsWritten } from '../../../main/services/search/fold';
import { search } from '../../../main/services/search/searchIndex';
import { MIGRATIONS, migrate } from '../../../main/services/store/migrations';
import { migration013 } from '../../../main/services/store/migrations/013_cyrillic_search_aliases';

/** Index rows as a store at version 12 holds them: aliases of Greek and own letters, none for Cyrillic. */
const ROWS = [
  { kind: 'person', item: 'p1', title: 'Олександр Шевченко', body: 'Foster carer' },
  { kind: 'attachment', item: 'a1', title: 'minutes.txt', body: `Present: Łukasz Wróblewski, Ελένη and Юлія Ковальчук.${ALIAS_SEPARATOR}lukasz ελενη eleni` },
  { kind: 'chronology', item: 'c1', title: '3 March 2025', body: 'Plain English text: the placement moved with two days notice.' },
];

function storeAt12() {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration013)));
  db.prepare("INSERT INTO cases (id, reference, council, revision, created_at, updated_at, record) VALUES ('case-1', 'OLD-1', 'Anytown', 1, '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z', '{}')").run();
  const put = db.prepare("INSERT INTO search_index (case_id, kind, item_id, title, body) VALUES ('case-1', ?, ?, ?, ?)");
  for (const r of ROWS) put.run(r.kind, r.item, r.title, r.body);
  return db;
}

const bodies = (db: Database.Database) => db.prepare('SELECT title, body FROM search_index ORDER BY rowid').all() as { title: string; body: string }[];

describe('migration 013: Ukrainian and Russian names in Latin letters', () => {
  it('lets rows indexed before it be found by the Latin spelling, keeps their text, and leaves other rows alone', () => {
    const db = storeAt12();
    expect(MIGRATIONS.indexOf(migration013)).toBe(12);
    expect(search(db, 'oleksandr')).toEqual([]);
    const before = bodies(db);
    migrate(db, MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration013) + 1));
    const after = bodies(db);
    expect(after[2]).toEqual(before[2]);
    expect(after.map((r) => bodyAsWritten(r.body))).toEqual(before.map((r) => bodyAsWritten(r.body)));
    expect(search(db, 'oleksandr shevchenko').map((h) => h.title)).toEqual(['Олександр Шевченко']);
    expect(search(db, 'yulia kovalchuk').map((h) => h.title)).toEqual(['minutes.txt']);
    expect(search(db, 'yuliia')[0]!.snippet).toBe('Present: Łukasz Wróblewski, Ελένη and [[Юлія]] Ковальчук.');
    // What migrations 009 and 012 made still works.
    expect(search(db, 'lukasz eleni').map((h) => h.title)).toEqual(['minutes.txt']);
    // Run again, it changes nothing (later migrations are theirs to test).
    expect(migrate(db, MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration013) + 1))).toEqual([]);
    expect(bodies(db)).toEqual(after);
    db.close();
  });
});
