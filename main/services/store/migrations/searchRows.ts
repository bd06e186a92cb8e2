import type { Database } from 'better-sqlite3-multiple-ciphers';
import { bodyAsWritten, bodyForIndex } from '../../search/fold';

/**
 * Makes the search index's aliases again for the rows `needs` picks, from their text as written, with the same
 * function every save uses: for migrations that add a kind of alias (012 wrote this loop out before it was shared;
 * shipped migrations are not edited). In batches from FTS5's own content table, as migration 009 does and for the
 * same reasons (no full read into memory; rowids kept).
 */
export function rewriteSearchRows(db: Database, needs: (title: string, body: string) => boolean): void {
  const put = db.prepare('UPDATE search_index SET body = ? WHERE rowid = ?');
  const batch = db.prepare('SELECT id AS rowid, c3 AS title, c4 AS body FROM search_index_content WHERE id > ? ORDER BY id LIMIT 500');
  let after = 0;
  for (;;) {
    const rows = batch.all(after) as { rowid: number; title: string; body: string }[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.rowid;
    for (const row of rows) {
      if (!needs(row.title, row.body)) continue;
      const body = bodyForIndex(row.title, bodyAsWritten(row.body));
      if (body !== row.body) put.run(body, row.rowid);
    }
  }
}
