import { createHmac, pbkdf2Sync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { UserError } from '../errors';
import { appendAudit } from './audit';
import { auditKeyOf, commitAuditKeyRewrap, deriveAuditKek, stageAuditKeyRewrap, unlockAuditKey, useAuditKey, type DerivedKeks } from './auditKey';
import { allRefs } from './digests';
import { deriveStoreKey, keyBytes, STORE_KDF_ITER, takeStoreKey } from './earlyKey';
import { LATEST_VERSION, currentVersion, migrate } from './migrations';
import { passphraseProblem } from './passphrasePolicy';
import { lockStore } from './storeLock';

/**
 * One case store: a single SQLCipher-encrypted SQLite file. The cipher is pinned to SQLCipher 4
 * (AES-256-CBC, HMAC-SHA512 per page, PBKDF2-HMAC-SHA512 with 256,000 iterations and a random per-file
 * salt): a standard, audited format that DB Browser for SQLCipher can also open, so a council's data is
 * never locked into this app. See docs/security.md.
 */
export const CIPHER_SETTINGS = { cipher: 'sqlcipher', legacy: 4, kdfIter: STORE_KDF_ITER } as const;
export const STORE_EXTENSION = '.cwstore';
const SQLITE_PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const PAGE_SIZE = 4096;
/** How long a write waits for another Casewright window or command to finish before giving up. */
export const BUSY_TIMEOUT_MS = 5000;
/** Where a passphrase change or a restore writes the new copy of the store before it replaces the store. */
export const rekeyTempPath = (storePath: string) => `${storePath}.rekey-tmp`;
export const RECOVERED_NOTICE = 'Casewright was interrupted while saving; it finished recovering the store.';
export const BUSY_MESSAGE = 'Another Casewright window or command is using this store; close it and try again.';
/** What an open store whose pages no longer all read (SQLITE_CORRUPT) is reported as, by verify, a backup and any call. */
export const damagedMessage = (storePath: string) =>
  `${path.basename(storePath)} is damaged (part of it can no longer be read); restore the newest backup (Settings → Backups, or store restore on the command line) before making more changes.`;
/** SQLite's codes for a page that fails its check (SQLCipher's HMAC) or a file that is not the database it was. */
export const isDamage = (e: unknown) => /^SQLITE_(CORRUPT|NOTADB)/.test((e as { code?: string })?.code ?? '');

export interface StoreOptions {
  actor: string;
  /** Called with the open database just before a migration is applied (the backup service makes a backup). */
  beforeMigrate?: (db: Db) => void;
}


/**
 * A store's page key, already derived from the passphrase and the file's salt (`storeKeyFor`): handed to
 * SQLCipher as raw key data (`x'<key><salt>'`), so SQLite does not run PBKDF2 again for each handle.
 */
export interface DerivedKey {
  readonly raw: Buffer;
  readonly salt: Buffer;
}

/** The passphrase (SQLCipher derives the key: PBKDF2, 256,000 rounds) or a key derived once already. */
export function applyCipher(db: Db, secret: string | DerivedKey): void {
  db.pragma(`cipher = '${CIPHER_SETTINGS.cipher}'`);
  db.pragma(`legacy = ${CIPHER_SETTINGS.legacy}`);
  db.pragma(`kdf_iter = ${CIPHER_SETTINGS.kdfIter}`);
  // Every handle, not only the session's: this build's default keeps temporary tables and sorts in files on
  // disk, outside the cipher's guarantees (a migration of a restored copy sorts, for one).
  db.pragma('temp_store = MEMORY');
  if (typeof secret === 'string') {
    db.key(keyBytes(secret));
    return;
  }
  const hex = Buffer.from(`x'${secret.raw.toString('hex')}${secret.salt.toString('hex')}'`, 'latin1');
  try {
    db.key(hex);
  } finally {
    hex.fill(0);
  }
}

/** Every handle waits (up to BUSY_TIMEOUT_MS) for another process's write rather than failing at once. */
export function openDatabase(file: string, opts: { readonly?: boolean; fileMustExist?: boolean } = {}): Db {
  return new Database(file, { ...opts, timeout: BUSY_TIMEOUT_MS });
}

/**
 * Whether the passphrase opens the file, decided in memory from page 1 alone: SQLCipher 4 keeps the salt in
 * the first 16 bytes and ends each page with an HMAC-SHA512 (keyed from the page key) over the page's
 * ciphertext, IV and page number. Nothing is opened through SQLite, so a wrong passphrase cannot make SQLite
 * roll back a leftover journal with the wrong key (which would scramble the store) and changes nothing on
 * disk.
 */
export function passphraseOpens(storePath: string, passphrase: string): boolean {
  return storeKeyFor(storePath, passphrase) !== null;
}

/**
 * The store's page key if the passphrase opens the file (checked as `passphraseOpens` says), else null. This is
 * the one PBKDF2 an open costs: every handle opened afterwards gets the derived key (`applyCipher`).
 */
export function storeKeyFor(storePath: string, passphrase: string): DerivedKey | null {
  const page = firstPage(storePath);
  if (!page) return null;
  const salt = Buffer.from(page.subarray(0, 16));
  return keyIfItOpens(page, salt, pbkdf2Sync(keyBytes(passphrase), salt, CIPHER_SETTINGS.kdfIter, 32, 'sha512'));
}

/**
 * `storeKeyFor` with the PBKDF2 on libuv's thread pool, leaving the calling thread free meanwhile (issue 15);
 * or the derivation the command line started early for this file and passphrase (earlyKey.ts).
 */
export async function storeKeyForAsync(storePath: string, passphrase: string): Promise<DerivedKey | null> {
  const page = firstPage(storePath);
  if (!page) return null;
  const salt = Buffer.from(page.subarray(0, 16));
  const key = (await takeStoreKey(storePath, passphrase, salt)) ?? (await deriveStoreKey(passphrase, salt));
  return keyIfItOpens(page, salt, key);
}

function firstPage(storePath: string): Buffer | null {
  const page = Buffer.alloc(PAGE_SIZE);
  const fd = fs.openSync(storePath, 'r');
  try {
    return fs.readSync(fd, page, 0, PAGE_SIZE, 0) === PAGE_SIZE ? page : null;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Whether a key derived earlier is still the key for the file as it is now: the file's salt is unchanged (the
 * key is PBKDF2 of the passphrase and the salt). A replaced file has another salt; should it not, a passphrase
 * that no longer opens it is refused by the read-only open that follows.
 */
function keyStillOpens(storePath: string, key: DerivedKey): boolean {
  const page = firstPage(storePath);
  return page !== null && page.subarray(0, 16).equals(key.salt);
}

/** The page key if page 1's HMAC checks out under it (wiped and null if not). */
function keyIfItOpens(page: Buffer, salt: Buffer, key: Buffer): DerivedKey | null {
  const hmacKey = pbkdf2Sync(key, Buffer.from(salt.map((b) => b ^ 0x3a)), 2, 32, 'sha512');
  const pageNumber = Buffer.alloc(4);
  pageNumber.writeUInt32LE(1);
  const mac = createHmac('sha512', hmacKey).update(page.subarray(16, PAGE_SIZE - 64)).update(pageNumber).digest();
  hmacKey.fill(0);
  if (!mac.equals(page.subarray(PAGE_SIZE - 64))) {
    key.fill(0);
    return null;
  }
  return { raw: key, salt };
}

/** Creates an empty file readable and writable by its owner only (0600 on POSIX); SQLite's -wal, -shm and -journal copy its mode. */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', 0o600));
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename in the folder durable. Windows cannot open a folder for this; NTFS journals renames itself. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A rollback journal that SQLite would play back: present, not empty, and its header not zeroed. */
function hasHotJournal(storePath: string): boolean {
  const j = `${storePath}-journal`;
  let fd: number;
  try {
    fd = fs.openSync(j, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(8);
    return fs.readSync(fd, head, 0, 8, 0) === 8 && head.some((b) => b !== 0);
  } finally {
    fs.closeSync(fd);
  }
}

const isBusy = (e: unknown) => /^SQLITE_(BUSY|LOCKED)/.test((e as { code?: string }).code ?? '');

/**
 * Fills `tmp` with a copy of a backup, ready to replace a store (a restore, a recovery): migrated first if it is
 * from an older version, then its own audit key (wrapped under the passphrase it was made with, or made now for
 * a store from before the keyed chain) signs the `action` entry.
 */
function copyBackupInto(tmp: string, backupFile: string, passphrase: string, actor: string, action: 'store.restore' | 'store.recover', detail: Record<string, unknown>): void {
  fs.copyFileSync(backupFile, tmp);
  fs.chmodSync(tmp, 0o600);
  const copy = openDatabase(tmp, { fileMustExist: true });
  try {
    applyCipher(copy, passphrase);
    copy.pragma('journal_mode = DELETE');
    recordMigration(copy, passphrase, migrate(copy), actor);
    copy.transaction(() => appendAudit(copy, { actor, action, entity: 'store', entityId: null, detail })).immediate();
  } finally {
    copy.close();
  }
}

/** Removes a passphrase change's or restore's half-written copy left by a crash (it is never the store itself). */
function removeTempLeftovers(storePath: string): void {
  const tmp = rekeyTempPath(storePath);
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(tmp + suffix, { force: true });
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // FULL: a save Casewright has reported as done survives a power cut, not only a crash of the app.
  db.pragma('synchronous = FULL');
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
  if (isBusy(e)) return new UserError('BUSY', BUSY_MESSAGE);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new UserError('DISK_FULL', 'The disk is full, so nothing was saved; free some space and try again.');
  }
  if (code === 'SQLITE_READONLY_DBMOVED') {
    return new UserError('BUSY', `${name} was moved or replaced while Casewright had it open, so the last change was not saved; open the store again.`);
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new UserError('DISK_ERROR', `Casewright could not read or write ${name} on its disk, so the last change was not saved; check that the disk is connected and working, then try again.`);
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    // Never advise copying the store file: a copy without its -journal or -wal can be unreadable.
    return new UserError('READ_ONLY', `Casewright cannot write to ${name} because its folder is read-only; get write access to that folder and try again.`);
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
export function checkLooksLikeStore(storePath: string): void {
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

/**
 * After opening and migrating: unlocks the audit key, and records the migration. A store from before the
 * keyed chain gets its key now, and this entry records every case, file and issued document as found, so that
 * later changes to them are checked from here on. One transaction, so a key is never left without the entry
 * that starts its part of the log.
 */
function recordMigration(db: Db, passphrase: string, applied: number[], actor: string, ready?: DerivedKeks): void {
  db.transaction(() => {
    const keyMadeNow = unlockAuditKey(db, passphrase, ready);
    if ((applied.length > 0 || keyMadeNow) && auditKeyOf(db)) {
      appendAudit(db, { actor, action: 'store.migrate', entity: 'store', entityId: null, detail: { applied }, ...(keyMadeNow ? { covers: allRefs(db) } : {}) });
    }
  }).immediate();
}

export class CaseStore {
  /** Set when opening had to finish an interrupted save: one sentence to show the user. */
  notice: string | null = null;

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
      createPrivateFile(storePath);
      db = openDatabase(storePath);
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
    // Decided from page 1 in memory: a wrong passphrase changes nothing on disk, even beside a leftover journal.
    // The key derived for that check is the one every handle below uses: one PBKDF2 per open.
    return CaseStore.openWithKey(storePath, passphrase, opts, storeKeyFor(storePath, passphrase));
  }

  /**
   * `open`, with both key derivations (the store's PBKDF2, then the audit key wrap's scrypt) on libuv's thread
   * pool (issue 15): still one of each, and the same checks in the same order, but the calling thread is free
   * while they run, so the app's main process keeps serving and the command line loads the modules it needs
   * next. The scrypt needs the wrap, which is inside the encrypted store, so the two run one after the other.
   */
  /**
   * Puts a backup in place of a store that no longer opens: page 1 of the file fails its check under the
   * passphrase that opens the backup (a damaged store, or one whose passphrase was changed after that backup).
   * Nothing is lost: the store file as it was (and anything beside it) is copied to `keptAs`, which the person
   * can still open with a newer passphrase, before the backup is renamed over it. The backup is copied to a private temporary file, migrated,
   * given a `store.recover` audit entry, fsynced and checked before anything is renamed; then the store is
   * opened as usual. Refused if the passphrase opens the store itself (restore from Settings → Backups then).
   */
  static async recoverFromBackup(storePath: string, backupFile: string, passphrase: string, opts: StoreOptions, now: Date = new Date()): Promise<{ store: CaseStore; keptAs: string }> {
    // No file at all, or a folder: said as an open would say it. A file cut short is recovered like a damaged one.
    if (!fs.statSync(storePath, { throwIfNoEntry: false })?.isFile()) checkLooksLikeStore(storePath);
    const own = await storeKeyForAsync(storePath, passphrase);
    if (own) {
      own.raw.fill(0);
      throw new UserError('INVALID_INPUT', 'That passphrase opens this case store, so nothing needs restoring; unlock it, and restore from Settings → Backups if you want an older copy.');
    }
    const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '');
    const keptAs = path.join(path.dirname(storePath), `${path.basename(storePath, STORE_EXTENSION)}-not-opening-${stamp}${STORE_EXTENSION}`);
    const tmp = rekeyTempPath(storePath);
    const lock = lockStore(storePath, 'replace', BUSY_TIMEOUT_MS);
    try {
      removeTempLeftovers(storePath);
      createPrivateFile(tmp);
      copyBackupInto(tmp, backupFile, passphrase, opts.actor, 'store.recover', { from: path.basename(backupFile), keptAs: path.basename(keptAs) });
      fsyncFile(tmp);
      const check = openReadOnly(tmp, passphrase);
      try {
        if ((check.pragma('quick_check', { simple: true }) as string) !== 'ok') throw new Error('the copy of the backup did not pass its check');
      } finally {
        check.close();
      }
      // Copied aside, not moved, so that a crash at any point leaves a file at the store's path: first the copy
      // (with anything beside the store), then the store's own journal and WAL go (they belong to the old file
      // and would be played into the new one), then the one rename that swaps the backup in.
      const beside = ['', '-wal', '-shm', '-journal'].filter((suffix) => fs.existsSync(storePath + suffix));
      for (const suffix of beside) {
        fs.copyFileSync(storePath + suffix, keptAs + suffix, fs.constants.COPYFILE_EXCL);
        fsyncFile(keptAs + suffix);
      }
      fsyncDir(path.dirname(storePath));
      for (const suffix of beside) if (suffix) fs.rmSync(storePath + suffix, { force: true });
      fs.renameSync(tmp, storePath);
      fsyncDir(path.dirname(storePath));
    } catch (e) {
      removeTempLeftovers(storePath);
      throw describeStoreError(e, backupFile);
    } finally {
      lock.release();
    }
    return { store: await CaseStore.openAsync(storePath, passphrase, opts), keptAs };
  }

  static async openAsync(storePath: string, passphrase: string, opts: StoreOptions): Promise<CaseStore> {
    checkLooksLikeStore(storePath);
    const key = await storeKeyForAsync(storePath, passphrase);
    let ready: DerivedKeks | undefined;
    if (key && !hasHotJournal(storePath)) {
      try {
        const db = openReadOnly(storePath, key);
        try {
          ready = await deriveAuditKek(db, passphrase);
        } finally {
          db.close();
        }
      } catch {
        // Whatever went wrong is met again, and explained, by the open itself.
        ready = undefined;
      }
    }
    return CaseStore.openWithKey(storePath, passphrase, opts, key, ready);
  }

  private static openWithKey(storePath: string, passphrase: string, opts: StoreOptions, derived: DerivedKey | null, ready?: DerivedKeks): CaseStore {
    let key = derived;
    if (!key) {
      throw new UserError('WRONG_PASSPHRASE', 'That passphrase does not open this case store; check it and try again.');
    }
    let db: Db | null = null;
    let notice: string | null = null;
    let lock: { release(): void } | null = null;
    try {
      // No other window or command replaces the file (a passphrase change, a restore) while this one opens it:
      // see storeLock.ts. Held until the handle is in WAL mode, from when SQLite itself keeps a replace out.
      lock = lockStore(storePath, 'open', BUSY_TIMEOUT_MS);
      // The file may have been replaced between the passphrase check and the lock: check page 1 again.
      if (!keyStillOpens(storePath, key)) {
        key.raw.fill(0);
        key = storeKeyFor(storePath, passphrase);
        if (!key) throw new UserError('WRONG_PASSPHRASE', 'That passphrase does not open this case store; check it and try again.');
      }
      if (hasHotJournal(storePath)) {
        // A crash in the middle of a save left a journal. The passphrase is right, so let SQLite roll it back
        // now (it needs write access), before anything reads the half-written pages.
        assertWritable(storePath);
        db = openDatabase(storePath, { fileMustExist: true });
        applyCipher(db, key);
        db.prepare('SELECT count(*) FROM sqlite_master').get();
        db.close();
        db = null;
        notice = RECOVERED_NOTICE;
      }
      // Read-only next: a newer store must leave the file untouched.
      db = openReadOnly(storePath, key);
      const version = currentVersion(db);
      if (version > LATEST_VERSION) {
        throw new UserError(
          'NEWER_VERSION',
          `This case store was saved by a newer version of Casewright (store format ${version}; this version reads up to ${LATEST_VERSION}); install the latest Casewright to open it.`,
        );
      }
      db.close();
      db = null;
      assertWritable(storePath);
      removeTempLeftovers(storePath);
      db = openDatabase(storePath, { fileMustExist: true });
      applyCipher(db, key);
      configure(db);
      if (version < LATEST_VERSION) opts.beforeMigrate?.(db);
      recordMigration(db, passphrase, migrate(db), opts.actor, ready);
      const store = new CaseStore(db, storePath, opts.actor);
      store.notice = notice;
      return store;
    } catch (e) {
      db?.close();
      throw describeStoreError(e, storePath);
    } finally {
      lock?.release();
      key?.raw.fill(0);
      for (const k of ready?.values() ?? []) k.fill(0);
    }
  }

  /** Closes the database; SQLite3MC wipes the key schedule from memory on close. */
  lock(): void {
    if (this.handle) {
      this.handle.close();
      this.handle = null;
    }
  }

  /**
   * Re-encrypts the store under a new passphrase without ever putting it at risk: the store is copied
   * (VACUUM INTO, under the current key) to a file beside it, the copy is re-keyed, fsynced and checked
   * with the new passphrase, and only then renamed over the store (an atomic replace), and the folder is
   * fsynced. A crash at any point leaves either the untouched store (old passphrase) or the complete new
   * one (new passphrase). The store is then reopened from the new file.
   */
  changePassphrase(
    current: string,
    next: string,
    /** beforeChange: the backup before the change; beforeReplace (tests): the moment the checked copy is about to replace the store. */
    hooks: { beforeChange?: (db: Db) => void; beforeReplace?: () => void } = {},
  ): void {
    const db = this.db;
    // The words an attacker holding this file would try first: its people's names and its case references.
    const references = (db.prepare('SELECT reference FROM cases').all() as { reference: string }[]).map((r) => r.reference);
    const owner = this.meta('created_by');
    const problem = passphraseProblem(next, { userInputs: [this.actor, ...(owner ? [owner] : []), path.basename(this.path).replace(/\.[^.]+$/, ''), ...references] });
    if (problem) throw new UserError('WEAK_PASSPHRASE', problem);
    // Prove the current passphrase (someone at an unlocked, unattended laptop must not take the store over).
    // Checked in memory against page 1, so no second handle is opened on the live store.
    if (!passphraseOpens(this.path, current)) {
      throw new UserError('WRONG_PASSPHRASE', 'The current passphrase is not right, so the passphrase was not changed.');
    }
    hooks.beforeChange?.(this.db);
    const auditKey = auditKeyOf(db);
    this.replaceFile(next, (tmp, live) => {
      live.prepare('VACUUM INTO ?').run(tmp);
      const copy = openDatabase(tmp, { fileMustExist: true });
      try {
        applyCipher(copy, current);
        copy.pragma('journal_mode = DELETE');
        // The copy carries on the same keyed audit chain: the same audit key, wrapped under the new passphrase.
        if (auditKey) useAuditKey(copy, auditKey);
        copy.transaction(() => appendAudit(copy, { actor: this.actor, action: 'store.passphrase', entity: 'store', entityId: null, detail: {} })).immediate();
        stageAuditKeyRewrap(copy, next);
        commitAuditKeyRewrap(copy);
        copy.rekey(keyBytes(next));
      } finally {
        copy.close();
      }
    }, 'The passphrase was changed, but Casewright could not open the store again; unlock it with the new passphrase.', hooks.beforeReplace);
  }

  /**
   * Replaces the store with a copy of a backup (already checked by the caller), which keeps the passphrase it
   * was made with; the same safe route as a passphrase change. The restore is recorded in the copy's audit log.
   */
  restoreFrom(backupFile: string, backupPassphrase: string, detail: Record<string, unknown>): void {
    this.replaceFile(backupPassphrase, (tmp) => copyBackupInto(tmp, backupFile, backupPassphrase, this.actor, 'store.restore', detail), 'The backup was restored, but Casewright could not open the store again; unlock it with the passphrase the backup was made with.');
  }

  /**
   * The one way the store file is ever replaced. Takes the store for itself (leaving WAL needs every other
   * connection closed, which is how another window or command is found; then an exclusive lock keeps anyone
   * from writing), has `write` fill a private temporary file beside it, fsyncs that and checks it opens with
   * `passphrase` and passes a quick check, closes the store (no journal or WAL is left that could be played
   * back into the new file), renames the copy over it, fsyncs the folder and reopens.
   */
  private replaceFile(passphrase: string, write: (tmp: string, db: Db) => void, doneButClosed: string, beforeReplace?: () => void): void {
    const db = this.db;
    const tmp = rekeyTempPath(this.path);
    let closed = false;
    let lock: { release(): void } | null = null;
    try {
      // Exclusive: no other window or command is in the middle of opening the store (storeLock.ts).
      lock = lockStore(this.path, 'replace', BUSY_TIMEOUT_MS);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
      db.pragma('locking_mode = EXCLUSIVE');
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      removeTempLeftovers(this.path);
      createPrivateFile(tmp);
      write(tmp, db);
      fsyncFile(tmp);
      const check = openReadOnly(tmp, passphrase);
      try {
        if ((check.pragma('quick_check', { simple: true }) as string) !== 'ok') throw new Error('the new copy of the store did not pass its check');
        if (currentVersion(check) > LATEST_VERSION) throw new UserError('NEWER_VERSION', 'That backup was made by a newer version of Casewright; install the latest Casewright to restore it.');
      } finally {
        check.close();
      }
      beforeReplace?.();
      this.handle = null;
      closed = true;
      db.close();
      if (fs.existsSync(`${this.path}-journal`) || fs.existsSync(`${this.path}-wal`)) throw new Error('the store still has a journal beside it');
      fs.renameSync(tmp, this.path);
      fsyncDir(path.dirname(this.path));
    } catch (e) {
      removeTempLeftovers(this.path);
      lock?.release();
      if (!closed) {
        // Back to normal sharing and WAL on the same handle; the store itself was never touched.
        try {
          db.pragma('locking_mode = NORMAL');
          db.pragma('journal_mode = WAL');
        } catch {
          // a later call will report the problem
        }
        throw describeStoreError(e, this.path);
      }
      // Closed but not replaced: the old store is intact; it can only be reopened with its passphrase.
      throw describeStoreError(e, this.path);
    }
    try {
      this.reopen(passphrase);
    } catch {
      // The new file is in place: saying "nothing was saved" here would be wrong. The store is closed (LOCKED
      // sends the window back to the unlock screen).
      throw new UserError('LOCKED', doneButClosed);
    } finally {
      lock?.release();
    }
  }

  /** A fresh handle on the new file at the store's path (migrated if it came from an older backup). */
  private reopen(passphrase: string): void {
    const db = openDatabase(this.path, { fileMustExist: true });
    try {
      applyCipher(db, passphrase);
      configure(db);
      recordMigration(db, passphrase, migrate(db), this.actor);
    } catch (e) {
      db.close();
      throw describeStoreError(e, this.path);
    }
    this.handle = db;
  }

  meta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  /** SQLite's integrity check, as one plain sentence if it finds anything (its own report is for SQLite's authors). */
  integrityProblems(): string[] {
    try {
      const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
      return rows.some((r) => r.integrity_check !== 'ok') ? [damagedMessage(this.path)] : [];
    } catch (e) {
      if (isDamage(e)) return [damagedMessage(this.path)];
      throw e;
    }
  }
}

function assertWritable(storePath: string): void {
  try {
    fs.accessSync(storePath, fs.constants.W_OK);
    fs.accessSync(path.dirname(storePath), fs.constants.W_OK);
  } catch (e) {
    throw describeStoreError(e, storePath);
  }
}

/** A read-only handle with the key applied and page 1 read (a wrong passphrase shows here as NOTADB). */
export function openReadOnly(file: string, secret: string | DerivedKey): Db {
  const db = openDatabase(file, { readonly: true, fileMustExist: true });
  try {
    applyCipher(db, secret);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new UserError('WRONG_PASSPHRASE', 'That passphrase does not open this case store; check it and try again.');
    }
    throw e;
  }
}
