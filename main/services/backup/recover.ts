import type { BackupInfo } from '../../../shared/api/types';
import { UserError } from '../errors';
import { storeKeyForAsync } from '../store/caseStore';
import { BackupService } from './backupService';

/**
 * A store that no longer opens (page 1 damaged, say) looks exactly like a wrong passphrase: SQLCipher's check of
 * page 1 fails either way. What tells them apart is the store's own backups: a passphrase that opens one of
 * them is very likely the store's. Then the person is told so, and offered that backup (`backup.recover`),
 * instead of being sent to guess passphrases for a file that will never open.
 */
const NEWEST = 3;

/** The newest of the store's newest backups that the passphrase opens (each tried costs one PBKDF2). */
export async function backupThatOpens(storePath: string, folder: string, passphrase: string): Promise<BackupInfo | null> {
  const newest = new BackupService(
    () => {
      throw new Error('no store is open');
    },
    storePath,
    folder,
  )
    .list()
    .slice(0, NEWEST);
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
 * The refusal of an open with a passphrase that does not open the store: as it was, or, when the passphrase opens
 * one of its newest backups, a sentence that says so and carries the backup for the unlock screen's offer.
 */
export async function wrongPassphrase(e: UserError, storePath: string, folder: string, passphrase: string): Promise<UserError> {
  const backup = await backupThatOpens(storePath, folder, passphrase);
  if (!backup) return e;
  return new UserError(
    'WRONG_PASSPHRASE',
    `That passphrase does not open this case store, but it opens its backup of ${backupWhen(backup)}: either the passphrase was changed after that backup, or the store file is damaged. If it is damaged, restore that backup; the store file as it is now is kept beside it, untouched.`,
    { recover: { name: backup.name, createdAt: backup.createdAt } },
  );
}
