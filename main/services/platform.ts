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
  /**
   * The newest audit entry this device has seen in each store, by a SHA-256 of the store's full path: its
   * number and hash only, nothing of the case. `store verify` compares the store with it, so entries removed or
   * rewritten by someone who has the passphrase but not this device's settings are reported.
   */
  auditAnchors: Record<string, { length: number; head: string }>;
  /** Backup folders the user chose, by store path (absent: `<store name>.backups` beside the store). */
  backupFolders?: Record<string, string>;
}

export const DEFAULT_SETTINGS: PersistedSettings = { idleLockMinutes: 15, recentStores: [], remembered: {}, auditAnchors: {}, backupFolders: {} };

export interface SettingsStore {
  read(): PersistedSettings;
  write(next: PersistedSettings): void;
}

/**
 * OS-backed encryption of small secrets (Electron's safeStorage, through its asynchronous API). `decrypt`
 * says when the OS has rotated its key (`reseal`), so the caller can store a freshly sealed copy.
 */
export interface SecretVault {
  isAvailable(): Promise<boolean>;
  encrypt(plain: string): Promise<string>;
  decrypt(sealed: string): Promise<{ plain: string; reseal: boolean }>;
}

export interface Platform {
  /** Who is at the keyboard, for the audit log. */
  actor: string;
  appVersion: string;
  settings: SettingsStore;
  vault: SecretVault | null;
  /** The platform's own file dialog for a case store; the path it returns is granted to the caller as a token. */
  chooseStorePath(mode: 'create' | 'open'): Promise<string | null>;
  /**
   * Paths this platform's own user gave it outside any dialog, which may be created or opened without one (the
   * CLI's --store). Absent in the app: there the renderer can only name a store through a dialog token or the
   * recent-stores list (see services/session/storeTargets.ts).
   */
  allowsPath?(path: string): boolean;
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
