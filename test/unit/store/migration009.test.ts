import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { bodyAsWritten } from '../../../main/services/search/fold';
import { search } from '../../../main/services/search/searchIndex';
import { MIGRATIONS, migrate } from '../../../main/services/store/migrations';
import { migration009 } from '../../../main/services/store/migrations/009_search_aliases';

/** Index rows as stores before migration 009 wrote them: the text alone. */
const OLD_ROWS = [
  { kind: 'person', item: 'p1', title: 'Łukasz Wróblewski', body: 'Team manager\nChildren in care' },
  { kind: 'attachment', item: 'a1', title: 'minutes.txt', body: 'Present: Đặng Văn Minh, Işıl Öztürk and Søren Østergaard. Herr Weiß took the minutes.' },
  { kind: 'chronology', item: 'c1', title: '3 March 2025', body: 'Plain English text: the placement moved with two days notice.' },
  { kind: 'interview', item: 'i1', title: 'Interview: Zoë Nowak', body: 'Café, Nguyễn and İsmail are folded by the tokenizer itself.' },
];

function storeAt8() {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, 8));
  db.prepare("INSERT INTO cases (id, reference, council, revision, created_at, updated_at, record) VALUES ('case-1', 'OLD-1', 'Anytown', 1, '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z', '{}')").run();
  const put = db.prepare("INSERT INTO search_index (case_id, kind, item_id, title, body) VALUES ('case-1', ?, ?, ?, ?)");
  for (const r of OLD_ROWS) put.run(r.kind, r.item, r.title, r.body);
  return db;
}

const bodies = (db: Database.Database) => (db.prepare('SELECT title, body FROM search_index ORDER BY rowid').all() as { title: string; body: string }[]);

describe('migration 009: search aliases', () => {
  it('lets rows indexed before it be found as typed on an English keyboard, and changes no plain row', () => {
    const db = storeAt8();
    expect(search(db, 'lukasz')).toEqual([]);
    const before = bodies(db);
    migrate(db, [...MIGRATIONS.slice(0, 8), migration009]);
    const after = bodies(db);
    // Rows with no word the tokenizer misses are untouched; the others keep their text in front of the aliases.
    expect(after[2]).toEqual(before[2]);
    expect(after[3]).toEqual(before[3]);
    expect(after.map((r) => bodyAsWritten(r.body))).toEqual(before.map((r) => r.body));
    expect(search(db, 'lukasz wroblewski').map((h) => h.title)).toEqual(['Łukasz Wróblewski']);
    for (const q of ['dang', 'isil ozturk', 'ostergaard', 'weiss']) expect(search(db, q).map((h) => h.title), q).toEqual(['minutes.txt']);
    expect(search(db, 'dang')[0]!.snippet).toBe('Present: [[Đặng]] Văn Minh, Işıl Öztürk and Søren Østergaard. Herr Weiß took the minutes.');
    db.close();
  });

  it('is applied once by the full list, and opening again changes nothing', () => {
    const db = storeAt8();
    expect(migrate(db)).toContain(9);
    const once = bodies(db);
    expect(migrate(db)).toEqual([]);
    expect(bodies(db)).toEqual(once);
    expect(search(db, 'soren').map((h) => h.title)).toEqual(['minutes.txt']);
    db.close();
  });
});
