import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface Migration {
  /** 1, 2, 3 … in order; recorded in PRAGMA user_version once applied. */
  version: number;
  name: string;
  up(db: Database): void;
}
