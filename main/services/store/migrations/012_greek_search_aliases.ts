import { bodyAsWritten, bodyForIndex } from '../../search/fold';
import type { Migration } from './types';

/**
 * Greek names found as written in Latin letters ("Eleni" for "Ελένη"; main/services/search/fold.ts,
 * greekToLatin). New and changed rows get the Latin spellings among their aliases on every save; this fills them
 * in for rows indexed before. Only rows with a Greek letter are read further and rewritten, with the same
 * function every save uses, from their text as written (the aliases migration 009 added are made again).
 */
const GREEK = /\p{Script=Greek}/u;

export const migration012: Migration = {
  version: 12,
  name: 'greek search aliases',
  up(db) {
    const put = db.prepare('UPDATE search_index SET body = ? WHERE rowid = ?');
    // In batches, from FTS5's own content table, as migration 009 does (and for the same reasons).
    const batch = db.prepare('SELECT id AS rowid, c3 AS title, c4 AS body FROM search_index_content WHERE id > ? ORDER BY id LIMIT 500');
    let after = 0;
    for (;;) {
      const rows = batch.all(after) as { rowid: number; title: string; body: string }[];
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.rowid;
      for (const row of rows) {
        if (!GREEK.test(row.title) && !GREEK.test(row.body)) continue;
        const body = bodyForIndex(row.title, bodyAsWritten(row.body));
        if (body !== row.body) put.run(body, row.rowid);
      }
    }
  },
};
