import path from 'node:path';
import type { ApiName, ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { AppStatus } from '../../shared/api/types';
import { checkBackupFile } from '../services/backup/backupService';
import { backupThatOpens, backupWhen } from '../services/backup/recover';
import { CaseStore } from '../services/store/caseStore';
import { UserError } from '../services/errors';
import { auditHead } from '../services/store/audit';
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
    // The renderer may only go back to the default folder; another folder comes from the platform's dialog
    // (backup.chooseFolder), never from a path the renderer made up.
    'backup.setFolder': ({ folder }, s) => {
      if (folder !== null && !s.platform.allowsPath?.(folder)) {
        throw new UserError('INVALID_INPUT', 'Choose the backup folder with Choose a folder…; Casewright does not take a folder typed into the app.');
      }
      return setFolder(s, folder);
    },
    'backup.recover': async ({ token, path: given, passphrase }, s) => {
      if (s.isOpen) throw new UserError('INVALID_INPUT', 'A case store is open; lock it first, then restore from the unlock screen.');
      const storePath = s.storeTarget({ token, path: given }, 'open');
      const backup = await backupThatOpens(storePath, s.backupFolder(storePath), passphrase);
      if (!backup) throw new UserError('WRONG_PASSPHRASE', 'That passphrase opens neither this case store nor any of its newest backups; check it and try again.');
      checkBackupFile(backup.file, passphrase);
      const { store, keptAs } = await CaseStore.recoverFromBackup(storePath, backup.file, passphrase, { actor: s.platform.actor });
      s.attach(store);
      // The log is the backup's now, put back on purpose: this device's record of it starts again from here.
      s.resetAnchor();
      const { [storePath]: _stale, ...rest } = s.settings().remembered;
      s.updateSettings({ remembered: rest });
      return {
        ...(await status(s)),
        notice: `Restored the backup of ${backupWhen(backup)}; changes made after it are not in the store. The store file that would not open is kept beside it as ${path.basename(keptAs)}: if you remember a newer passphrase, that file may still open with it.`,
      };
    },
    'backup.restore': async ({ file, passphrase }, s) => {
      const store = s.requireStore();
      if (path.resolve(file) === path.resolve(store.path)) throw new UserError('INVALID_INPUT', 'That is the store itself, not a backup; choose one of its backups.');
      // Only one of this store's own backups, or a file the person named themselves (the CLI's --from).
      const listed = s.backups().list().some((b) => path.resolve(b.file) === path.resolve(file));
      if (!listed && !s.platform.allowsPath?.(file)) {
        throw new UserError('INVALID_INPUT', 'Choose one of the backups listed for this store; Casewright restores only from those.');
      }
      checkBackupFile(file, passphrase);
      // Never overwrite the store without a backup of it as it is now (checked like every backup).
      const backups = s.backups();
      const before = backups.create('before-restore', { prune: false });
      // What this device had seen of the log that the restore puts aside, kept in the restore's own entry.
      const replacedLog = auditHead(store.db);
      store.restoreFrom(file, passphrase, { from: path.basename(file), previous: before.name, replacedLog, deviceHadSeen: s.auditAnchor() });
      // The store has been replaced: from here on nothing may make the restore look failed, or leave the
      // device's record pointing at the log that was put aside (verify would then report entries removed).
      s.resetAnchor();
      try {
        backups.prune();
      } catch {
        // Old backups are pruned next time.
      }
      // The store now has the backup's passphrase: a remembered one may no longer open it.
      const { [store.path]: _stale, ...rest } = s.settings().remembered;
      s.updateSettings({ remembered: rest });
      return {
        ...(await status(s)),
        notice: `Restored from ${path.basename(file)}: the store now opens with the passphrase it had when that backup was made. The store as it was just before is kept as the backup ${before.name}.`,
      };
    },
  };
}
