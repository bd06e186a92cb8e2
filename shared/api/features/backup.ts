import { z } from 'zod';
import { none, op, passphrase } from '../op';
import type { AppStatus, BackupInfo, BackupList } from '../types';

/** Backups (handlers: main/api/backup.ts, service: main/services/backup). */
export const backupContract = {
  'backup.list': op<BackupList & { problem: string | null }>()(none),
  'backup.create': op<BackupInfo>()(none),
  'backup.restore': op<AppStatus>()(z.object({ file: z.string().min(1), passphrase }).strict()),
  /**
   * From the unlock screen, for a store that does not open with a passphrase that opens one of its newest
   * backups: that backup is put in its place, the store file kept beside it (CaseStore.recoverFromBackup).
   * The store is named as for store.open: a dialog's token or a recent store's path.
   */
  'backup.recover': op<AppStatus>()(
    z
      .object({ token: z.string().min(1).max(200).optional(), path: z.string().min(1).max(4096).optional(), passphrase })
      .strict()
      .refine((o) => (o.token === undefined) !== (o.path === undefined), { message: 'Choose the case store file with the dialog or from the recent stores.' }),
  ),
  'backup.chooseFolder': op<BackupList & { problem: string | null }>()(none),
  'backup.setFolder': op<BackupList & { problem: string | null }>()(z.object({ folder: z.string().min(1).nullable() }).strict()),
} as const;
