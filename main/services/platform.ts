import type { AppEvent } from '../../shared/api/contract';

/**
 * What the services need from the machine they run on. Electron supplies dialogs, safeStorage and
 * electron-store; the CLI and the browser test bridge supply their own. Nothing here ever holds case data.
 */
export interface PersistedSettings {
  idleLockMinutes: number;
  recentStores: string[];
  /** Passphrases the user asked this device to remember, encrypted by the OS keychain (base64). */
  remembered: Record<string, string>;
  /** Backup folders the user chose, by store path (absent: `<store name>.backups` beside the store). */
  backupFolders?: Record<string, string>;
}

export const DEFAULT_SETTINGS: PersistedSettings = { idleLockMinutes: 15, recentStores: [], remembered: {} };

export interface SettingsStore {
  read(): PersistedSettings;
  write(next: PersistedSettings): void;
}

/** OS-backed encryption of small secrets (Electron's safeStorage). */
export interface SecretVault {
  isAvailable(): boolean;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

export interface Platform {
  /** Who is at the keyboard, for the audit log. */
  actor: string;
  appVersion: string;
  settings: SettingsStore;
  vault: SecretVault | null;
  chooseStorePath(mode: 'create' | 'open'): Promise<string | null>;
  chooseSavePath(suggestedName: string, filter: { name: string; extensions: string[] }): Promise<string | null>;
  /** A folder to export several files into (the whole Stage 2 response). */
  chooseFolder(): Promise<string | null>;
  emit(event: AppEvent): void;
  /** Tests shorten the idle lock below a minute. */
  idleLockMsOverride?: number;
  /**
   * Today's date in England (YYYY-MM-DD). Absent in the app, which reads the machine's clock; the CLI and the
   * test harness pin it so tests give the same answer on a Saturday, a bank holiday or a Wednesday.
   */
  today?: () => string;
}

export function memorySettings(initial: Partial<PersistedSettings> = {}): SettingsStore {
  let value: PersistedSettings = { ...DEFAULT_SETTINGS, ...initial };
  return {
    read: () => value,
    write: (next) => {
      value = next;
    },
  };
}
