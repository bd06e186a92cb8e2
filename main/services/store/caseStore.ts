import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { UserError } from '../errors';
import { appendAudit } from './audit';
import { auditKeyOf, commitAuditKeyRewrap, stageAuditKeyRewrap, unlockAuditKey } from './auditKey';
import { allRefs } from './digests';
import { LATEST_VERSION, currentVersion, migrate } from './migrations';
import { passphraseProblem } from './passphrasePolicy';

/**
 * One case store: a single SQLCipher-encrypted SQLite file. The cipher is pinned to SQLCipher 4
 * (AES-256-CBC, HMAC-SHA512 per page, PBKDF2-HMAC-SHA512 with 256,000 iterations and a random per-file
 * salt): a standard, audited format that DB Browser for SQLCipher can also open, so a council's data is
 * never locked into this app. See docs/security.md.
 */
export const CIPHER_SETTINGS = { cipher: 'sqlcipher', legacy: 4, kdfIter: 256000 } as const;
export const STORE_EXTENSION = '.cwstore';
const SQLITE_PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface StoreOptions {
  actor: string;
}

function applyCipher(db: Db, passphrase: string): void {
  db.pragma(`cipher = '${CIPHER_SETTINGS.cipher}'`);
  db.pragma(`legacy = ${CIPHER_SETTINGS.legacy}`);
  db.pragma(`kdf_iter = ${CIPHER_SETTINGS.kdfIter}`);
  // NFC so the same passphrase typed on macOS and Windows gives the same key.
  db.key(Buffer.from(passphrase.normalize('NFC'), 'utf8'));
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Sorts and temporary tables stay in memory: SQLite's temp files are not covered by the cipher's guarantees.
  db.pragma('temp_store = MEMORY');
  db.pragma('secure_delete = ON');
}

/** Maps SQLite and file-system failures to one plain sentence. */
export function describeStoreError(e: unknown, storePath: string): UserError {
  if (e instanceof UserError) return e;
  const code = (e as { code?: string }).code ?? '';
  const name = path.basename(storePath);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new UserError('DISK_FULL', 'The disk is full, so nothing was saved; free some space and try again.');
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new UserError('READ_ONLY', `Casewright cannot write to ${name} because its location is read-only; copy it to a folder you can write to, or choose another folder.`);
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'ENOENT' || code === 'ENOTDIR') {
    return new UserError('NOT_FOUND', `Casewright cannot open ${storePath}; check that the folder exists and that you can write to it.`);
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new UserError('NOT_A_STORE', `${name} is not a Casewright case store, or it is damaged; choose the right file.`);
  }
  return new UserError('INTERNAL', `Something went wrong with ${name}: ${(e as Error).message ?? String(e)}.`);
}

/** Cheap checks before any key is tried, so a wrong file gets its own message and nothing is written to it. */
function checkLooksLikeStore(storePath: string): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(storePath);
  } catch {
    throw new UserError('NOT_FOUND', `There is no case store at ${storePath}; check the path, or create a new store.`);
  }
  const name = path.basename(storePath);
  if (!st.isFile()) throw new UserError('NOT_A_STORE', `${name} is a folder, not a case store; choose the store file inside it.`);
  const head = Buffer.alloc(16);
  const fd = fs.openSync(storePath, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.equals(SQLITE_PLAIN_HEADER)) {
    throw new UserError('NOT_A_STORE', `${name} is an ordinary, unencrypted SQLite database, not a Casewright case store; choose a .cwstore file.`);
  }
  // An encrypted store is whole pages of 4096 bytes; anything else is some other kind of file.
  if (st.size < 4096 || st.size % 4096 !== 0) {
    throw new UserError('NOT_A_STORE', `${name} is not a Casewright case store; choose a .cwstore file.`);
  }
}

export class CaseStore {
  private constructor(
    private handle: Db | null,
    readonly path: string,
    readonly actor: string,
  ) {}

  get db(): Db {
    if (!this.handle) throw new UserError('LOCKED', 'The case store is locked; unlock it with your passphrase.');
    return this.handle;
  }

  get isOpen(): boolean {
    return this.handle !== null;
  }

  static create(storePath: string, passphrase: string, opts: StoreOptions): CaseStore {
    const problem = passphraseProblem(passphrase, { userInputs: [opts.actor, path.basename(storePath).replace(/\.[^.]+$/, '')] });
    if (problem) throw new UserError('WEAK_PASSPHRASE', problem);
    if (fs.existsSync(storePath)) {
      throw new UserError('EXISTS', `${path.basename(storePath)} already exists; open it instead, or choose another name.`);
    }
    const dir = path.dirname(storePath);
    if (!fs.existsSync(dir)) throw new UserError('NOT_FOUND', `The folder ${dir} does not exist; choose a folder that does.`);
    let db: Db | null = null;
    try {
      db = new Database(storePath);
      applyCipher(db, passphrase);
      configure(db);
      migrate(db);
      const store = new CaseStore(db, storePath, opts.actor);
      db.transaction(() => {
        unlockAuditKey(db!, passphrase);
        const put = db!.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
        put.run('created_at', new Date().toISOString());
        put.run('created_by', opts.actor);
        appendAudit(db!, { actor: opts.actor, action: 'store.create', entity: 'store', entityId: null, detail: { version: LATEST_VERSION } });
      })();
      return store;
    } catch (e) {
      db?.close();
      // A half-made store is worse than none: remove what this call created.
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(storePath + suffix, { force: true });
      throw describeStoreError(e, storePath);
    }
  }

  static open(storePath: string, passphrase: string, opts: StoreOptions): CaseStore {
    checkLooksLikeStore(storePath);
    let db: Db | null = null;
    try {
      // Read-only first: a wrong passphrase or a newer store must leave the file untouched.
      db = new Database(storePath, { readonly: true, fileMustExist: true });
      applyCipher(db, passphrase);
      try {
        db.prepare('SELECT count(*) FROM sqlite_master').get();
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_NOTADB') {
          throw new UserError('WRONG_PASSPHRASE', 'That passphrase does not open this case store; check it and try again.');
        }
        throw e;
      }
      const version = currentVersion(db);
      if (version > LATEST_VERSION) {
        throw new UserError(
          'NEWER_VERSION',
          `This case store was saved by a newer version of Casewright (store format ${version}; this version reads up to ${LATEST_VERSION}); install the latest Casewright to open it.`,
        );
      }
      db.close();
      try {
        fs.accessSync(storePath, fs.constants.W_OK);
      } catch (e) {
        throw describeStoreError(e, storePath);
      }
      db = new Database(storePath, { fileMustExist: true });
      applyCipher(db, passphrase);
      configure(db);
      const applied = migrate(db);
      // A store from before the keyed chain gets its key now, and this entry records every case, file and
      // issued document as found, so that later changes to them are checked from here on.
      // One transaction, so a key is never left without the entry that starts its part of the log.
      db.transaction(() => {
        const keyMadeNow = unlockAuditKey(db!, passphrase);
        if ((applied.length > 0 || keyMadeNow) && auditKeyOf(db!)) {
          appendAudit(db!, { actor: opts.actor, action: 'store.migrate', entity: 'store', entityId: null, detail: { applied }, ...(keyMadeNow ? { covers: allRefs(db!) } : {}) });
        }
      })();
      const store = new CaseStore(db, storePath, opts.actor);
      return store;
    } catch (e) {
      db?.close();
      throw describeStoreError(e, storePath);
    }
  }

  /** Closes the database; SQLite3MC wipes the key schedule from memory on close. */
  lock(): void {
    if (this.handle) {
      this.handle.close();
      this.handle = null;
    }
  }

  changePassphrase(current: string, next: string): void {
    const db = this.db;
    // The words an attacker holding this file would try first: its people's names and its case references.
    const references = (db.prepare('SELECT reference FROM cases').all() as { reference: string }[]).map((r) => r.reference);
    const owner = this.meta('created_by');
    const problem = passphraseProblem(next, { userInputs: [this.actor, ...(owner ? [owner] : []), path.basename(this.path).replace(/\.[^.]+$/, ''), ...references] });
    if (problem) throw new UserError('WEAK_PASSPHRASE', problem);
    // Prove the current passphrase: someone at an unlocked, unattended laptop must not be able to take the store over.
    const probe = new Database(this.path, { readonly: true, fileMustExist: true });
    try {
      applyCipher(probe, current);
      probe.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      throw new UserError('WRONG_PASSPHRASE', 'The current passphrase is not right, so the passphrase was not changed.');
    } finally {
      probe.close();
    }
    try {
      // SQLite3MC cannot rekey a database in WAL mode; step out of WAL for the rekey and back in after.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
      // The audit key stays the same; it is wrapped again under the new passphrase (staged, then promoted).
      stageAuditKeyRewrap(db, next);
      db.rekey(Buffer.from(next.normalize('NFC'), 'utf8'));
      db.pragma('journal_mode = WAL');
      commitAuditKeyRewrap(db);
      appendAudit(db, { actor: this.actor, action: 'store.passphrase', entity: 'store', entityId: null, detail: {} });
    } catch (e) {
      throw describeStoreError(e, this.path);
    }
  }

  meta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  integrityProblems(): string[] {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok').map((r) => `SQLite integrity check: ${r}.`);
  }
}
