import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { ALIAS_SEPARATOR, bodyAsWritten } from '../../../main/services/search/fold';
import { search } from '../../../main/services/search/searchIndex';
import { MIGRATIONS, migrate } from '../../../main/services/store/migrations';
import { migration012 } from '../../../main/services/store/migrations/012_greek_search_aliases';

/** Index rows as a store at version 11 holds them: migration 009's aliases (no Latin spellings of Greek). */
const ROWS = [
  { kind: 'person', item: 'p1', title: 'Ελένη Παπαδοπούλου', body: `Social worker${ALIAS_SEPARATOR}ελενη παπαδοπουλου` },
  { kind: 'attachment', item: 'a1', title: 'minutes.txt', body: `Present: Łukasz Wróblewski and Θεόδωρος Ευθυμίου.${ALIAS_SEPARATOR}lukasz θεοδωρος ευθυμιου` },
  { kind: 'chronology', item: 'c1', title: '3 March 2025', body: 'Plain English text: the placement moved with two days notice.' },
  { kind: 'interview', item: 'i1', title: 'Interview: Łukasz', body: `Notes of the interview.${ALIAS_SEPARATOR}lukasz` },
];

function storeAt11() {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration012)));
  db.prepare("INSERT INTO cases (id, reference, council, revision, created_at, updated_at, record) VALUES ('case-1', 'OLD-1', 'Anytown', 1, '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z', '{}')").run();
  const put = db.prepare("INSERT INTO search_index (case_id, kind, item_id, title, body) VALUES ('case-1', ?, ?, ?, ?)");
  for (const r of ROWS) put.run(r.kind, r.item, r.title, r.body);
  return db;
}

const bodies = (db: Database.Database) => db.prepare('SELECT title, body FROM search_index ORDER BY rowid').all() as { title: string; body: string }[];

describe('migration 012: Greek names in Latin letters', () => {
  it('lets rows indexed before it be found by the Latin spelling, keeps their text, and leaves other rows alone', () => {
    const db = storeAt11();
    expect(MIGRATIONS.indexOf(migration012)).toBe(11);
    expect(search(db, 'eleni')).toEqual([]);
    const before = bodies(db);
    migrate(db, MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration012) + 1));
    const after = bodies(db);
    expect(after[2]).toEqual(before[2]);
    expect(after[3]).toEqual(before[3]);
    expect(after.map((r) => bodyAsWritten(r.body))).toEqual(before.map((r) => bodyAsWritten(r.body)));
    expect(search(db, 'eleni papadopoulou').map((h) => h.title)).toEqual(['Ελένη Παπαδοπούλου']);
    expect(search(db, 'theodoros efthymiou').map((h) => h.title)).toEqual(['minutes.txt']);
    expect(search(db, 'efthimiou')[0]!.snippet).toBe('Present: Łukasz Wróblewski and Θεόδωρος [[Ευθυμίου]].');
    // What migration 009 made still works.
    expect(search(db, 'lukasz').map((h) => h.title).sort()).toEqual(['Interview: Łukasz', 'minutes.txt']);
    // Run again, it changes nothing (later migrations are theirs to test).
    expect(migrate(db, MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration012) + 1))).toEqual([]);
    expect(bodies(db)).toEqual(after);
    db.close();
  });
});
