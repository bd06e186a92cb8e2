import path from 'node:path';
import type { ApiName, ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { AppStatus } from '../../shared/api/types';
import { checkBackupFile } from '../services/backup/backupService';
import { UserError } from '../services/errors';
import type { Session } from '../services/session/session';

type BackupName = Extract<ApiName, `backup.${string}`>;
type BackupHandlers = { [N in BackupName]: (input: ApiParsedInput<N>, session: Session) => Promise<ApiOutput<N>> | ApiOutput<N> };

function list(s: Session) {
  const b = s.backups();
  const store = s.requireStore();
  return { folder: b.folder, isDefault: !s.settings().backupFolders?.[store.path], backups: b.list(), problem: s.lastBackupProblem };
}

function setFolder(s: Session, folder: string | null) {
  const store = s.requireStore();
  const { [store.path]: _old, ...rest } = s.settings().backupFolders ?? {};
  s.updateSettings({ backupFolders: folder ? { ...rest, [store.path]: path.resolve(folder) } : rest });
  return list(s);
}

/** The backup feature's part of the handler table. `status` is the app status the store calls return. */
export function backupHandlers(status: (s: Session) => Promise<AppStatus> | AppStatus): BackupHandlers {
  return {
    'backup.list': (_i, s) => list(s),
    'backup.create': (_i, s) => s.backups().create('manual'),
    'backup.chooseFolder': async (_i, s) => {
      s.requireStore();
      const folder = await s.platform.chooseFolder();
      return folder ? setFolder(s, folder) : list(s);
    },
    'backup.setFolder': ({ folder }, s) => setFolder(s, folder),
    'backup.restore': async ({ file, passphrase }, s) => {
      const store = s.requireStore();
      if (path.resolve(file) === path.resolve(store.path)) throw new UserError('INVALID_INPUT', 'That is the store itself, not a backup; choose one of its backups.');
      checkBackupFile(file, passphrase);
      // Never overwrite the store without a backup of it as it is now (checked like every backup).
      const backups = s.backups();
      const before = backups.create('before-restore', { prune: false });
      store.restoreFrom(file, passphrase, { from: path.basename(file), previous: before.name });
      backups.prune();
      // The store now has the backup's passphrase: a remembered one may no longer open it.
      const { [store.path]: _stale, ...rest } = s.settings().remembered;
      s.updateSettings({ remembered: rest });
      // Restoring on purpose shortens the audit log: this device's record of it starts again from the restored
      // log (whose newest entry records the restore), rather than reporting entries removed.
      s.resetAnchor();
      return {
        ...(await status(s)),
        notice: `Restored from ${path.basename(file)}: the store now opens with the passphrase it had when that backup was made. The store as it was just before is kept as the backup ${before.name}.`,
      };
    },
  };
}
