import { bodyAsWritten, bodyForIndex } from '../../search/fold';
import type { Migration } from './types';

/**
 * Ukrainian and Russian names found as written in Latin letters ("Oleksandr" for "Олександр", "Sergei" or
 * "Sergey" for "Сергей"; main/services/search/fold.ts, cyrillicToLatin). New and changed rows get the Latin
 * spellings among their aliases on every save; this fills them in for rows indexed before. Only rows with a
 * Cyrillic letter are rewritten, with the same function every save uses, from their text as written.
 */
const CYRILLIC = /\p{Script=Cyrillic}/u;

export const migration013: Migration = {
  version: 13,
  name: 'cyrillic search aliases',
  up(db) {
    const put = db.prepare('UPDATE search_index SET body = ? WHERE rowid = ?');
    // In batches, from FTS5's own content table, as migrations 009 and 012 do (and for the same reasons).
    const batch = db.prepare('SELECT id AS rowid, c3 AS title, c4 AS body FROM search_index_content WHERE id > ? ORDER BY id LIMIT 500');
    let after = 0;
    for (;;) {
      const rows = batch.all(after) as { rowid: number; title: string; body: string }[];
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.rowid;
      for (const row of rows) {
        if (!CYRILLIC.test(row.title) && !CYRILLIC.test(row.body)) continue;
        const body = bodyForIndex(row.title, bodyAsWritten(row.body));
        if (body !== row.body) put.run(body, row.rowid);
      }
    }
  },
};
