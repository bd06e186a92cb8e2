import type { Database } from 'better-sqlite3-multiple-ciphers';
import { migration001 } from './001_initial';
import { migration002 } from './002_attachments_and_search';
import { migration003 } from './003_document_issues';
import { migration004 } from './004_keyed_audit';
import { migration005 } from './005_council_directory';
import { migration006 } from './006_exchange';
import { migration007 } from './007_hearing_packs';
import { migration008 } from './008_case_summary';
import { migration009 } from './009_search_aliases';
import { migration010 } from './010_panel_papers';
import { migration011 } from './011_key_rotation';
import { migration012 } from './012_greek_search_aliases';
import { migration013 } from './013_cyrillic_search_aliases';
import type { Migration } from './types';

/** Every migration ever shipped, in order. A shipped migration is never edited: add a new one. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013];

export const LATEST_VERSION = MIGRATIONS.length;

export function currentVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies each pending migration in its own transaction, so a failure leaves the store at the last good version. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= currentVersion(db)) continue;
    // IMMEDIATE, and the version read again inside: two processes opening an old store at once migrate it once.
    const ran = db.transaction(() => {
      if (m.version <= currentVersion(db)) return false;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
      return true;
    }).immediate();
    if (ran) applied.push(m.version);
  }
  return applied;
}
