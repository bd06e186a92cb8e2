import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';

/**
 * The lock beside a store (`<store>.lock`): what keeps an open in one window or command and a replacement of
 * the store file (a passphrase change or a restore) in another from overlapping.
 *
 * The store file itself cannot carry this lock, because a replacement renames a new file over it: a process
 * that got its handle on the old file just before the rename would keep writing to a file that no longer has
 * a name (its saves lost), and an opener that met the replacement's half-made copy took it for a crash's
 * leftover and deleted it. So every open holds this lock shared from before it reads the store until its
 * handle is in WAL mode (from then on SQLite itself refuses to let the store be replaced while the handle is
 * open), and every replacement holds it exclusively from before it takes the store until the new file is
 * in place and reopened.
 *
 * The file is an empty SQLite database without a key, used only for SQLite's own file locks (released by the
 * operating system if the process dies, so a crash never leaves a stale lock). It holds no data, never the
 * name of a case or a person; it is created 0600 and never deleted (deleting it while another process waits
 * on it would split the lock in two).
 */
export const storeLockPath = (storePath: string) => `${storePath}.lock`;

export type StoreLockMode = 'open' | 'replace';

export interface StoreLock {
  release(): void;
}

/**
 * Takes the lock beside the store, waiting up to `timeoutMs` for another process; SQLITE_BUSY after that,
 * which `describeStoreError` turns into its one sentence. 'open' locks are shared, 'replace' is exclusive.
 */
export function lockStore(storePath: string, mode: StoreLockMode, timeoutMs: number): StoreLock {
  const file = storeLockPath(storePath);
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  let db: Db | null = new Database(file, { fileMustExist: true, timeout: timeoutMs });
  try {
    // Nothing of this database is ever written: the lock file stays empty (no journal, no pages).
    if (mode === 'replace') {
      db.exec('BEGIN EXCLUSIVE');
    } else {
      db.exec('BEGIN');
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    }
  } catch (e) {
    db.close();
    throw e;
  }
  return {
    release() {
      if (!db) return;
      try {
        db.exec('ROLLBACK');
      } catch {
        // closing releases the lock anyway
      }
      db.close();
      db = null;
    },
  };
}
