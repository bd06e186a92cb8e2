import { bodyForIndex } from '../../search/fold';
import type { Migration } from './types';

/**
 * Search finds names whatever the keyboard: every indexed text carries the folded form of the words the index's
 * tokenizer does not fold itself (Ł, Ø, Đ, ı, ß, Greek accents; see main/services/search/fold.ts). New and
 * changed rows get them on every save; this fills them in for rows indexed before. Only rows holding such a word
 * are rewritten, so a store of plain English text is read once and not re-indexed.
 *
 * The backfill uses the same function as every save (`bodyForIndex`), so rows hold exactly what a save would
 * have written. Should what it writes ever change, a later migration fills the rows again.
 */
export const migration009: Migration = {
  version: 9,
  name: 'search aliases',
  up(db) {
    const put = db.prepare('UPDATE search_index SET body = ? WHERE rowid = ?');
    // In batches: an update cannot run while a read is still walking the table, and a large store's text should
    // not all be held at once. Read from FTS5's own content table (c3 title, c4 body), whose id is its primary
    // key: a rowid range on the virtual table itself scans the whole index for every batch.
    const batch = db.prepare('SELECT id AS rowid, c3 AS title, c4 AS body FROM search_index_content WHERE id > ? ORDER BY id LIMIT 500');
    let after = 0;
    for (;;) {
      const rows = batch.all(after) as { rowid: number; title: string; body: string }[];
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.rowid;
      for (const row of rows) {
        // Plain ASCII rows cannot need aliases: skip the work of splitting them into words.
        if (/^[^\u0080-\u{10FFFF}]*$/u.test(row.title) && /^[^\u0080-\u{10FFFF}]*$/u.test(row.body)) continue;
        const body = bodyForIndex(row.title, row.body);
        if (body !== row.body) put.run(body, row.rowid);
      }
    }
  },
};
