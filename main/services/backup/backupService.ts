import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { BackupInfo, BackupKind } from '../../../shared/api/types';
import { UserError } from '../errors';
import { STORE_EXTENSION, damagedMessage, isDamage, checkLooksLikeStore, createPrivateFile, describeStoreError, fsyncDir, fsyncFile, openReadOnly, passphraseOpens } from '../store/caseStore';
import { LATEST_VERSION, currentVersion } from '../store/migrations';

/**
 * Encrypted backups of a store, beside it by default (`<name>.backups/`). Each is a complete copy made with
 * VACUUM INTO: one read transaction, so it is consistent while the app (or another process) keeps writing,
 * and written by SQLite3 Multiple Ciphers under the store's own key, so a backup opens with the passphrase
 * the store had when it was made. SQLite's online-backup API (better-sqlite3's db.backup()) cannot do this:
 * it cannot key the file it writes, and SQLite3MC refuses to copy encrypted pages into an unkeyed file.
 * Each copy is written to a .part file, fsynced, checked (attached under the store's key: integrity ok and
 * the same store format), then renamed into place.
 */
export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;
/** Backups made before a migration, a passphrase change or a restore, and on request: the newest this many. */
export const KEEP_EVENTS = 10;

const NAME = /^(.+)-(\d{8})-(\d{6})-(\d{3})-(daily|before-migration|before-passphrase|before-restore|manual)\.cwstore$/;

export const defaultBackupFolder = (storePath: string) =>
  path.join(path.dirname(storePath), `${path.basename(storePath, STORE_EXTENSION)}.backups`);

function stamp(d: Date): string {
  const iso = d.toISOString(); // 2026-11-28T08:15:00.123Z
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`;
}

function parseName(file: string): { createdAt: string; kind: BackupKind } | null {
  const m = NAME.exec(file);
  if (!m) return null;
  const [, , day, time, ms, kind] = m as unknown as [string, string, string, string, string, BackupKind];
  const createdAt = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}.${ms}Z`;
  return { createdAt, kind };
}

/** Monday of the ISO week, as YYYY-MM-DD: one weekly backup per week is kept. */
function weekOf(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** A store's backups in a folder, newest first (no store need be open: the unlock screen's recovery asks too). */
export function listBackups(storePath: string, folder: string): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const prefix = `${path.basename(storePath, STORE_EXTENSION)}-`;
  return names
    .filter((n) => n.startsWith(prefix))
    .flatMap((n) => {
      const p = parseName(n);
      if (!p) return [];
      const file = path.join(folder, n);
      return [{ file, name: n, createdAt: p.createdAt, kind: p.kind, size: fs.statSync(file).size }];
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export class BackupService {
  constructor(
    private readonly db: () => Database,
    private readonly storePath: string,
    readonly folder: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): BackupInfo[] {
    return listBackups(this.storePath, this.folder);
  }

  /** Makes, fsyncs and checks one backup, then prunes the rolling set. */
  create(kind: BackupKind, opts: { prune?: boolean } = {}): BackupInfo {
    const db = this.db();
    try {
      fs.mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw new UserError('READ_ONLY', `Casewright cannot make a backup in ${this.folder} (${(e as NodeJS.ErrnoException).code ?? 'error'}); choose another backup folder in Settings.`);
    }
    let when = this.now();
    const nameAt = (d: Date) => `${path.basename(this.storePath, STORE_EXTENSION)}-${stamp(d)}-${kind}${STORE_EXTENSION}`;
    // Two backups in the same millisecond get different names; a backup is never replaced by another.
    while (fs.existsSync(path.join(this.folder, nameAt(when)))) when = new Date(when.getTime() + 1);
    const name = nameAt(when);
    const file = path.join(this.folder, name);
    const part = `${file}.part`;
    try {
      fs.rmSync(part, { force: true });
      createPrivateFile(part);
      db.prepare('VACUUM INTO ?').run(part);
      fsyncFile(part);
      const problem = this.check(part);
      if (problem) throw new Error(problem);
      fs.renameSync(part, file);
      fsyncDir(this.folder);
    } catch (e) {
      fs.rmSync(part, { force: true });
      const code = (e as { code?: string }).code ?? '';
      if (code === 'SQLITE_FULL' || code === 'ENOSPC') throw new UserError('DISK_FULL', `The backup could not be made because the disk holding ${this.folder} is full; free some space or choose another backup folder.`);
      if (e instanceof UserError) throw e;
      // The store itself no longer reads in full: the folder is not the problem, and no backup replaces a good one.
      if (isDamage(e)) throw new UserError('DAMAGED', `The backup could not be made: ${damagedMessage(this.storePath)}`);
      throw new UserError('READ_ONLY', `The backup could not be made in ${this.folder} (${(e as Error).message}); choose another backup folder in Settings and try again.`);
    }
    if (opts.prune !== false) this.prune();
    return { file, name, createdAt: when.toISOString(), kind, size: fs.statSync(file).size };
  }

  /** Whether a file opens under the store's key and passes SQLite's integrity check; null when it does. */
  check(file: string): string | null {
    const db = this.db();
    try {
      db.prepare('ATTACH DATABASE ? AS backup_check').run(file);
    } catch {
      return 'the copy does not open with the store\u2019s passphrase';
    }
    try {
      const result = db.pragma('backup_check.integrity_check', { simple: true }) as string;
      if (result !== 'ok') return `the copy failed its integrity check (${result})`;
      const version = db.pragma('backup_check.user_version', { simple: true }) as number;
      if (version !== (db.pragma('user_version', { simple: true }) as number)) return 'the copy has a different store format';
      return null;
    } catch (e) {
      return `the copy could not be read (${(e as Error).message})`;
    } finally {
      db.exec('DETACH DATABASE backup_check');
    }
  }

  /** A daily backup if none was made today (UTC); returns it, or null when one exists. */
  dailyIfDue(): BackupInfo | null {
    const today = this.now().toISOString().slice(0, 10);
    if (this.list().some((b) => b.createdAt.slice(0, 10) === today)) return null;
    return this.create('daily');
  }

  /** Keeps the newest daily backup of each of the last 7 days with one, one per week for 4 more weeks, and the newest 10 others. */
  prune(): void {
    const all = this.list();
    const keep = new Set<string>();
    const days = new Set<string>();
    const weeks = new Set<string>();
    const daily = all.filter((b) => b.kind === 'daily');
    for (const b of daily) {
      const day = b.createdAt.slice(0, 10);
      if (days.size < KEEP_DAILY && !days.has(day)) {
        days.add(day);
        weeks.add(weekOf(day));
        keep.add(b.file);
      }
    }
    const weeklyKept = new Set<string>();
    for (const b of daily) {
      const week = weekOf(b.createdAt);
      if (keep.has(b.file) || weeks.has(week) || weeklyKept.has(week) || weeklyKept.size >= KEEP_WEEKLY) continue;
      weeklyKept.add(week);
      keep.add(b.file);
    }
    all.filter((b) => b.kind !== 'daily').slice(0, KEEP_EVENTS).forEach((b) => keep.add(b.file));
    for (const b of all) if (!keep.has(b.file)) fs.rmSync(b.file, { force: true });
    // A .part left by a crash mid-backup: never a finished backup; old enough that no one is still writing it.
    const prefix = `${path.basename(this.storePath, STORE_EXTENSION)}-`;
    for (const n of fs.readdirSync(this.folder)) {
      const f = path.join(this.folder, n);
      if (n.startsWith(prefix) && n.endsWith('.part') && this.now().getTime() - fs.statSync(f).mtimeMs > 10 * 60_000) fs.rmSync(f, { force: true });
    }
  }
}

/** The store's backup folder: the one chosen for it on this device, or the default beside it. */
export function backupFolderFor(storePath: string, chosen: Record<string, string> | undefined): string {
  return chosen?.[storePath] ?? defaultBackupFolder(storePath);
}

/**
 * Checks a backup (or any store file) before it is restored: a store file, nothing unsaved beside it, opens
 * with the given passphrase, passes SQLite's integrity check and is not from a newer Casewright.
 */
export function checkBackupFile(file: string, passphrase: string): void {
  checkLooksLikeStore(file);
  for (const suffix of ['-wal', '-journal']) {
    if (fs.existsSync(file + suffix) && fs.statSync(file + suffix).size > 0) {
      throw new UserError('INVALID_INPUT', `${path.basename(file)} has unsaved changes in a file beside it; open it in Casewright once, lock it, and try again.`);
    }
  }
  if (!passphraseOpens(file, passphrase)) {
    throw new UserError('WRONG_PASSPHRASE', 'That passphrase does not open this backup; a backup opens with the passphrase the store had when the backup was made.');
  }
  let db: Database | null = null;
  try {
    db = openReadOnly(file, passphrase);
    const result = db.pragma('integrity_check', { simple: true }) as string;
    if (result !== 'ok') throw new UserError('NOT_A_STORE', `${path.basename(file)} is damaged (it fails SQLite's integrity check); choose another backup.`);
    if (currentVersion(db) > LATEST_VERSION) throw new UserError('NEWER_VERSION', 'That backup was made by a newer version of Casewright; install the latest Casewright to restore it.');
  } catch (e) {
    throw describeStoreError(e, file);
  } finally {
    db?.close();
  }
}
