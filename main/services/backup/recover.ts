import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../../shared/api/types';
import { UserError } from '../errors';
import { storeKeyForAsync } from '../store/caseStore';
import { listBackups } from './backupService';

/**
 * A store that no longer opens (page 1 damaged, say) looks exactly like a wrong passphrase: SQLCipher's check of
 * page 1 fails either way. What tells them apart is the store's own backups: a passphrase that opens one of
 * them is very likely the store's. Then the person is told so, and offered that backup (`backup.recover`),
 * instead of being sent to guess passphrases for a file that will never open.
 */
const NEWEST = 3;

/** The newest of the store's newest backups that the passphrase opens (each tried costs one PBKDF2). */
export async function backupThatOpens(storePath: string, folder: string, passphrase: string): Promise<BackupInfo | null> {
  const newest = listBackups(storePath, folder).slice(0, NEWEST);
  for (const b of newest) {
    const key = await storeKeyForAsync(b.file, passphrase).catch(() => null);
    if (key) {
      key.raw.fill(0);
      return b;
    }
  }
  return null;
}

/** "28 November 2026 at 10:15", in this computer's time (as the unlock screen writes it). */
export const backupWhen = (b: BackupInfo) => new Date(b.createdAt).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/**
 * The refusal of an open, as it was, or, when the passphrase opens one of the store's newest backups, a sentence
 * that says so and carries the backup for the unlock screen's offer: for a passphrase that does not open the
 * store (WRONG_PASSPHRASE) and for a file that is no longer a whole store (NOT_A_STORE: cut short by a failing
 * disk or a copy that stopped half way).
 */
export async function offerBackup(e: UserError, storePath: string, folder: string, passphrase: string): Promise<UserError> {
  if (e.code !== 'WRONG_PASSPHRASE' && e.code !== 'NOT_A_STORE') return e;
  if (e.code === 'NOT_A_STORE' && !fs.statSync(storePath, { throwIfNoEntry: false })?.isFile()) return e;
  const backup = await backupThatOpens(storePath, folder, passphrase);
  if (!backup) return e;
  const keep = 'the store file as it is now is kept beside it, untouched.';
  return new UserError(
    e.code,
    e.code === 'WRONG_PASSPHRASE'
      ? `That passphrase does not open this case store, but it opens its backup of ${backupWhen(backup)}: either the passphrase was changed after that backup, or the store file is damaged. If it is damaged, restore that backup; ${keep}`
      : `${path.basename(storePath)} is no longer a whole case store (it may have been cut short or damaged), but that passphrase opens its backup of ${backupWhen(backup)}. Restore that backup; ${keep}`,
    { recover: { name: backup.name, createdAt: backup.createdAt } },
  );
}
