import { z } from 'zod';
import { none, op, passphrase } from '../op';
import type { AppStatus, BackupInfo, BackupList } from '../types';

/** Backups (handlers: main/api/backup.ts, service: main/services/backup). */
export const backupContract = {
  'backup.list': op<BackupList & { problem: string | null }>()(none),
  'backup.create': op<BackupInfo>()(none),
  'backup.restore': op<AppStatus>()(z.object({ file: z.string().min(1), passphrase }).strict()),
  'backup.chooseFolder': op<BackupList & { problem: string | null }>()(none),
  'backup.setFolder': op<BackupList & { problem: string | null }>()(z.object({ folder: z.string().min(1).nullable() }).strict()),
} as const;
