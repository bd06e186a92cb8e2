import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../main/services/platform';

const mocks = vi.hoisted(() => {
  const stores: { options: unknown; data: Map<string, unknown> }[] = [];
  class Store {
    data = new Map<string, unknown>();
    constructor(readonly options: { defaults?: Record<string, unknown> }) {
      for (const [k, v] of Object.entries(options.defaults ?? {})) this.data.set(k, structuredClone(v));
      stores.push(this);
    }
    get(key: string) {
      return this.data.get(key);
    }
    set(key: string, value: unknown) {
      this.data.set(key, value);
    }
  }
  return {
    Store,
    stores,
    app: { getVersion: vi.fn(() => '0.1.0'), getPath: vi.fn((_n: string) => '/home/u/Documents') },
    dialog: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
    // Only the asynchronous API: a call to the deprecated synchronous one would fail here.
    safeStorage: {
      isAsyncEncryptionAvailable: vi.fn(async () => true),
      encryptStringAsync: vi.fn(async (s: string) => Buffer.from(`sealed:${s}`)),
      decryptStringAsync: vi.fn(async (b: Buffer) => ({ result: b.toString().replace(/^sealed:/, ''), shouldReEncrypt: false })),
      getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
    },
  };
});

vi.mock('electron', () => ({ app: mocks.app, dialog: mocks.dialog, safeStorage: mocks.safeStorage }));
vi.mock('electron-store', () => ({ default: mocks.Store }));

import {
  createElectronPlatform,
  safeStorageVault,
  sanitizeSettings,
  settingsFromStore,
  withStoreExtension,
} from '../../../main/electron/platform';

function fakeWindow() {
  return { isDestroyed: () => false, webContents: { isDestroyed: () => false, send: vi.fn() } };
}

beforeEach(() => {
  mocks.stores.length = 0;
  vi.clearAllMocks();
});

describe('settings', () => {
  it('opens electron-store named "settings" with the defaults', () => {
    const platform = createElectronPlatform({ getMainWindow: () => null });
    expect(mocks.stores).toHaveLength(1);
    expect(mocks.stores[0]?.options).toMatchObject({ name: 'settings', defaults: { idleLockMinutes: 15, recentStores: [], remembered: {} } });
    expect(platform.settings.read()).toEqual(DEFAULT_SETTINGS);
  });

  it('writes and reads back', () => {
    const store = new mocks.Store({});
    const s = settingsFromStore(store);
    const anchors = { ['a'.repeat(64)]: { length: 12, head: 'b'.repeat(64) } };
    // The backup folder the user chose for a store is kept too (it was dropped before: review finding).
    const backupFolders = { '/a.cwstore': '/media/usb/casewright-backups' };
    s.write({ idleLockMinutes: 30, recentStores: ['/a.cwstore'], remembered: { '/a.cwstore': 'c2VhbGVk' }, auditAnchors: anchors, backupFolders });
    expect(s.read()).toEqual({ idleLockMinutes: 30, recentStores: ['/a.cwstore'], remembered: { '/a.cwstore': 'c2VhbGVk' }, auditAnchors: anchors, backupFolders });
  });

  it('survives a damaged settings file by falling back to defaults per field', () => {
    expect(sanitizeSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(sanitizeSettings({ idleLockMinutes: 'x', recentStores: 'nope', remembered: [] })).toEqual(DEFAULT_SETTINGS);
    expect(sanitizeSettings({ idleLockMinutes: 0 }).idleLockMinutes).toBe(15);
    expect(sanitizeSettings({ idleLockMinutes: 241 }).idleLockMinutes).toBe(15);
    expect(sanitizeSettings({ recentStores: ['/a', 3, '', '/b'] }).recentStores).toEqual(['/a', '/b']);
    expect(sanitizeSettings({ remembered: { '/a': 'x', '/b': 5 } }).remembered).toEqual({ '/a': 'x' });
    expect(sanitizeSettings({ backupFolders: { '/a': '/b/backups', '/c': 'relative/path', '/d': 7 } }).backupFolders).toEqual({ '/a': '/b/backups' });
    const good = { length: 3, head: 'c'.repeat(64) };
    expect(sanitizeSettings({ auditAnchors: { ['d'.repeat(64)]: good, ['e'.repeat(64)]: { length: 0, head: 'c'.repeat(64) }, '/a': good, ['f'.repeat(64)]: { length: 2, head: 'x' } } }).auditAnchors).toEqual({ ['d'.repeat(64)]: good });
  });
});

describe('vault', () => {
  it('seals with safeStorage\'s asynchronous API as base64 and opens again', async () => {
    const vault = safeStorageVault(mocks.safeStorage, 'linux');
    await expect(vault.isAvailable()).resolves.toBe(true);
    const sealed = await vault.encrypt('correct horse');
    expect(sealed).toBe(Buffer.from('sealed:correct horse').toString('base64'));
    await expect(vault.decrypt(sealed)).resolves.toEqual({ plain: 'correct horse', reseal: false });
    expect(mocks.safeStorage.encryptStringAsync).toHaveBeenCalledWith('correct horse');
  });

  it('passes on that the OS rotated its key, so the caller can seal again', async () => {
    mocks.safeStorage.decryptStringAsync.mockResolvedValueOnce({ result: 'correct horse', shouldReEncrypt: true });
    await expect(safeStorageVault(mocks.safeStorage, 'win32').decrypt('eA==')).resolves.toEqual({ plain: 'correct horse', reseal: true });
  });

  it('is unavailable without OS encryption, or with Linux\'s hard-coded-key fallback', async () => {
    mocks.safeStorage.isAsyncEncryptionAvailable.mockResolvedValueOnce(false);
    await expect(safeStorageVault(mocks.safeStorage, 'darwin').isAvailable()).resolves.toBe(false);
    mocks.safeStorage.getSelectedStorageBackend.mockReturnValueOnce('basic_text');
    await expect(safeStorageVault(mocks.safeStorage, 'linux').isAvailable()).resolves.toBe(false);
  });
});

describe('dialogs', () => {
  it('create: save dialog with Casework.cwstore and the .cwstore filter, attached to the window', async () => {
    const win = fakeWindow();
    const platform = createElectronPlatform({ getMainWindow: () => win as never });
    mocks.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/u/Documents/My cases' });
    await expect(platform.chooseStorePath('create')).resolves.toBe('/home/u/Documents/My cases.cwstore');
    const [parent, options] = mocks.dialog.showSaveDialog.mock.calls[0] as [unknown, { defaultPath: string; filters: unknown }];
    expect(parent).toBe(win);
    expect(options.defaultPath).toBe('/home/u/Documents/Casework.cwstore');
    expect(options.filters).toEqual([{ name: 'Casewright case store', extensions: ['cwstore'] }]);
    mocks.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(platform.chooseStorePath('create')).resolves.toBeNull();
  });

  it('open: open dialog for one .cwstore file', async () => {
    const platform = createElectronPlatform({ getMainWindow: () => null });
    mocks.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/x/Casework.cwstore'] });
    await expect(platform.chooseStorePath('open')).resolves.toBe('/x/Casework.cwstore');
    const [options] = mocks.dialog.showOpenDialog.mock.calls[0] as [{ properties: string[]; filters: unknown }];
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters).toEqual([{ name: 'Casewright case store', extensions: ['cwstore'] }]);
    mocks.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(platform.chooseStorePath('open')).resolves.toBeNull();
  });

  it('chooseSavePath suggests the name and filter', async () => {
    const platform = createElectronPlatform({ getMainWindow: () => null });
    mocks.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/x/deadlines.ics' });
    await expect(platform.chooseSavePath('deadlines.ics', { name: 'Calendar', extensions: ['ics'] })).resolves.toBe('/x/deadlines.ics');
    const [options] = mocks.dialog.showSaveDialog.mock.calls[0] as [{ defaultPath: string; filters: unknown }];
    expect(options.defaultPath).toBe('/home/u/Documents/deadlines.ics');
    expect(options.filters).toEqual([{ name: 'Calendar', extensions: ['ics'] }]);
  });

  it('keeps an extension the user typed', () => {
    expect(withStoreExtension('/a/b.cwstore')).toBe('/a/b.cwstore');
    expect(withStoreExtension('/a/b')).toBe('/a/b.cwstore');
  });
});

describe('the rest of the platform', () => {
  it('emits events to the main window on the event channel', () => {
    const win = fakeWindow();
    const platform = createElectronPlatform({ getMainWindow: () => win as never });
    platform.emit({ type: 'locked', reason: 'idle' });
    expect(win.webContents.send).toHaveBeenCalledWith('cw-event', { type: 'locked', reason: 'idle' });
    // No window: nothing to send to, and no error.
    expect(() => createElectronPlatform({ getMainWindow: () => null }).emit({ type: 'locked', reason: 'user' })).not.toThrow();
  });

  it('reports the app version and an actor', () => {
    const platform = createElectronPlatform({ getMainWindow: () => null });
    expect(platform.appVersion).toBe('0.1.0');
    expect(platform.actor.length).toBeGreaterThan(0);
  });
});
