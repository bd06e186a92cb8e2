import type { Database } from 'better-sqlite3-multiple-ciphers';

/** The only SQL for the council directory. All statements are parameterised. */
export interface CouncilRow {
  id: string;
  name: string;
  profile: string;
  updated_at: string;
}

export const councilRepository = {
  list(db: Database): CouncilRow[] {
    return db.prepare('SELECT * FROM councils ORDER BY name COLLATE NOCASE').all() as CouncilRow[];
  },
  get(db: Database, id: string): CouncilRow | null {
    return (db.prepare('SELECT * FROM councils WHERE id = ?').get(id) as CouncilRow | undefined) ?? null;
  },
  findByName(db: Database, name: string): CouncilRow | null {
    return (db.prepare('SELECT * FROM councils WHERE name = ? COLLATE NOCASE').get(name) as CouncilRow | undefined) ?? null;
  },
  upsert(db: Database, row: CouncilRow): void {
    db.prepare(
      'INSERT INTO councils (id, name, profile, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, profile = excluded.profile, updated_at = excluded.updated_at',
    ).run(row.id, row.name, row.profile, row.updated_at);
  },
};
