import os from 'node:os';
import path from 'node:path';
import { app, dialog, safeStorage, type BrowserWindow } from 'electron';
import Store from 'electron-store';
import type { AppEvent } from '../../shared/api/contract';
import { EVENT_CHANNEL } from '../../shared/api/names';
import { DEFAULT_SETTINGS, type PersistedSettings, type Platform, type SecretVault, type SettingsStore } from '../services/platform';

/**
 * The Electron side of the services' Platform: electron-store for small settings, safeStorage for remembered
 * passphrases, native dialogs, and events pushed to the main window. Nothing here ever holds case data.
 */

export const STORE_EXTENSION = 'cwstore';
export const STORE_FILTER = { name: 'Casewright case store', extensions: [STORE_EXTENSION] };
export const DEFAULT_STORE_NAME = 'Casework.cwstore';
const MAX_RECENT = 8;

/**
 * Settings as read from disk, made safe: a hand-edited or damaged settings file must never stop the app
 * starting, so anything out of shape falls back to its default rather than failing a schema check.
 */
export function sanitizeSettings(raw: unknown): PersistedSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const minutes = r.idleLockMinutes;
  const idleLockMinutes = typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 1 && minutes <= 240 ? minutes : DEFAULT_SETTINGS.idleLockMinutes;
  const recentStores = Array.isArray(r.recentStores) ? r.recentStores.filter((p): p is string => typeof p === 'string' && p.length > 0).slice(0, MAX_RECENT) : [];
  const remembered: Record<string, string> = {};
  if (r.remembered && typeof r.remembered === 'object' && !Array.isArray(r.remembered)) {
    for (const [k, v] of Object.entries(r.remembered as Record<string, unknown>)) if (typeof v === 'string' && k.length > 0) remembered[k] = v;
  }
  const auditAnchors: PersistedSettings['auditAnchors'] = {};
  if (r.auditAnchors && typeof r.auditAnchors === 'object' && !Array.isArray(r.auditAnchors)) {
    for (const [k, v] of Object.entries(r.auditAnchors as Record<string, unknown>)) {
      const a = v as { length?: unknown; head?: unknown } | null;
      if (/^[0-9a-f]{64}$/.test(k) && a && Number.isInteger(a.length) && (a.length as number) >= 1 && typeof a.head === 'string' && /^[0-9a-f]{64}$/.test(a.head)) {
        auditAnchors[k] = { length: a.length as number, head: a.head };
      }
    }
  }
  const backupFolders: Record<string, string> = {};
  if (r.backupFolders && typeof r.backupFolders === 'object' && !Array.isArray(r.backupFolders)) {
    for (const [k, v] of Object.entries(r.backupFolders as Record<string, unknown>)) if (k.length > 0 && typeof v === 'string' && path.isAbsolute(v)) backupFolders[k] = v;
  }
  return { idleLockMinutes, recentStores, remembered, auditAnchors, backupFolders };
}

/** The subset of electron-store (conf) the settings adapter uses. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export function settingsFromStore(store: KeyValueStore): SettingsStore {
  return {
    read: () => sanitizeSettings({ idleLockMinutes: store.get('idleLockMinutes'), recentStores: store.get('recentStores'), remembered: store.get('remembered'), auditAnchors: store.get('auditAnchors'), backupFolders: store.get('backupFolders') }),
    write: (next) => {
      const clean = sanitizeSettings(next);
      store.set('idleLockMinutes', clean.idleLockMinutes);
      store.set('recentStores', clean.recentStores);
      store.set('remembered', clean.remembered);
      store.set('auditAnchors', clean.auditAnchors);
      store.set('backupFolders', clean.backupFolders ?? {});
    },
  };
}

export function openSettingsStore(): SettingsStore {
  const store = new Store<PersistedSettings>({ name: 'settings', defaults: { ...DEFAULT_SETTINGS }, clearInvalidConfig: true });
  return settingsFromStore(store as unknown as KeyValueStore);
}

type SafeStorageLike = Pick<typeof safeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'> & {
  getSelectedStorageBackend?: () => string;
};

/**
 * safeStorage as a SecretVault, through its asynchronous API (the synchronous one is deprecated in Electron 45;
 * data sealed by either opens with the asynchronous decrypt). On Linux without a keyring, Chromium falls back
 * to a hard-coded key ("basic_text"), which protects nothing; that counts as unavailable, so no passphrase is
 * remembered.
 */
export function safeStorageVault(storage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretVault {
  return {
    isAvailable: async () => {
      if (!(await storage.isAsyncEncryptionAvailable())) return false;
      if (platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text') return false;
      return true;
    },
    encrypt: async (plain) => (await storage.encryptStringAsync(plain)).toString('base64'),
    decrypt: async (sealed) => {
      const r = await storage.decryptStringAsync(Buffer.from(sealed, 'base64'));
      return { plain: r.result, reseal: r.shouldReEncrypt };
    },
  };
}

/** Adds the .cwstore extension when the user typed a name without one (GTK dialogs do not add it). */
export function withStoreExtension(filePath: string): string {
  return path.extname(filePath) === '' ? `${filePath}.${STORE_EXTENSION}` : filePath;
}

export function currentActor(): string {
  try {
    const name = os.userInfo().username;
    if (name) return name;
  } catch {
    // userInfo() throws when the user has no passwd entry (some containers).
  }
  return process.env.USER ?? process.env.USERNAME ?? 'unknown';
}

export interface ElectronPlatformOptions {
  getMainWindow: () => BrowserWindow | null;
  settings?: SettingsStore;
}

export function createElectronPlatform(opts: ElectronPlatformOptions): Platform {
  const parent = () => {
    const win = opts.getMainWindow();
    return win && !win.isDestroyed() ? win : null;
  };
  const documents = () => {
    try {
      return app.getPath('documents');
    } catch {
      return os.homedir();
    }
  };
  return {
    actor: currentActor(),
    appVersion: app.getVersion(),
    settings: opts.settings ?? openSettingsStore(),
    vault: safeStorageVault(safeStorage),
    async chooseStorePath(mode) {
      const win = parent();
      if (mode === 'create') {
        const options = { title: 'Create a case store', defaultPath: path.join(documents(), DEFAULT_STORE_NAME), filters: [STORE_FILTER], properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] };
        const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        return r.canceled || !r.filePath ? null : withStoreExtension(r.filePath);
      }
      const options = { title: 'Open a case store', defaultPath: documents(), filters: [STORE_FILTER], properties: ['openFile' as const] };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseSavePath(suggestedName, filter) {
      const win = parent();
      const options = { defaultPath: path.join(documents(), suggestedName), filters: [filter], properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async chooseFolder() {
      const win = parent();
      const options = { defaultPath: documents(), properties: ['openDirectory' as const, 'createDirectory' as const] };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
    },
    emit(event: AppEvent) {
      const win = parent();
      if (win && !win.webContents.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
    },
  };
}
