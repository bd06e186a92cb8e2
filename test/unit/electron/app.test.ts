import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_NAME_LIST } from '../../../shared/api/names';

type Listener = (...args: unknown[]) => unknown;

const m = vi.hoisted(() => {
  const order: string[] = [];
  const emitter = () => {
    const listeners: Record<string, Listener[]> = {};
    return {
      listeners,
      on: vi.fn((event: string, fn: Listener) => {
        (listeners[event] ??= []).push(fn);
      }),
      emit: (event: string, ...args: unknown[]) => (listeners[event] ?? []).forEach((fn) => fn(...args)),
    };
  };
  const appEvents = emitter();
  const powerEvents = emitter();
  const windows: FakeWindow[] = [];

  class FakeWindow {
    events = emitter();
    options: { webPreferences: Record<string, unknown> };
    destroyed = false;
    webContents = { ...emitter(), send: vi.fn(), isDestroyed: () => false, mainFrame: { url: 'app://casewright/index.html', processId: 1, routingId: 1, parent: null } };
    loadURL = vi.fn(async (url: string) => {
      order.push(`loadURL ${url}`);
    });
    on = vi.fn((event: string, fn: Listener) => {
      this.events.on(event, fn);
      return this;
    });
    once = this.on;
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
    isDestroyed = () => this.destroyed;
    constructor(options: { webPreferences: Record<string, unknown> }) {
      this.options = options;
      windows.push(this);
    }
    static getAllWindows = () => windows.filter((w) => !w.destroyed);
  }

  const app = {
    ...appEvents,
    isPackaged: false,
    enableSandbox: vi.fn(() => order.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    whenReady: vi.fn(() => {
      order.push('whenReady');
      return Promise.resolve();
    }),
    getAppPath: vi.fn(() => '/proj'),
    getVersion: vi.fn(() => '0.1.0'),
    getPath: vi.fn(() => '/home/u/Documents'),
    getName: vi.fn(() => 'Casewright'),
  };
  const Menu = { buildFromTemplate: vi.fn((t: unknown) => ({ template: t })), setApplicationMenu: vi.fn() };
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemesAsPrivileged')),
    handle: vi.fn(() => order.push('protocol.handle')),
  };
  const defaultSession = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
  const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
  class Store {
    data = new Map<string, unknown>();
    constructor(options: { defaults: Record<string, unknown> }) {
      for (const [k, v] of Object.entries(options.defaults)) this.data.set(k, v);
    }
    get(k: string) {
      return this.data.get(k);
    }
    set(k: string, v: unknown) {
      this.data.set(k, v);
    }
  }
  return {
    order,
    app,
    powerEvents,
    windows,
    FakeWindow,
    protocol,
    defaultSession,
    ipcMain,
    Store,
    Menu,
    shell: { openExternal: vi.fn() },
    dialog: { showErrorBox: vi.fn(), showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
  };
});

vi.mock('electron', () => ({
  app: m.app,
  BrowserWindow: m.FakeWindow,
  dialog: m.dialog,
  ipcMain: m.ipcMain,
  Menu: m.Menu,
  powerMonitor: { on: m.powerEvents.on },
  protocol: m.protocol,
  safeStorage: { isAsyncEncryptionAvailable: async () => false, encryptStringAsync: vi.fn(), decryptStringAsync: vi.fn() },
  session: { defaultSession: m.defaultSession },
  shell: m.shell,
}));
vi.mock('electron-store', () => ({ default: m.Store }));

import { bootstrap } from '../../../main/electron/app';
import { Session } from '../../../main/services/session/session';

function reset() {
  m.order.length = 0;
  m.windows.length = 0;
  for (const key of Object.keys(m.app.listeners)) delete m.app.listeners[key];
  for (const key of Object.keys(m.powerEvents.listeners)) delete m.powerEvents.listeners[key];
  vi.clearAllMocks();
  m.app.isPackaged = false;
  m.app.requestSingleInstanceLock.mockReturnValue(true);
}

describe('app lifecycle', () => {
  let errors: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    reset();
    errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  it('importing the entry enables the sandbox and registers the scheme before ready', async () => {
    vi.resetModules();
    await import('../../../main/electron/index');
    await vi.waitFor(() => expect(m.windows).toHaveLength(1));
    expect(m.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(m.order.indexOf('enableSandbox')).toBeLessThan(m.order.indexOf('whenReady'));
    expect(m.order.indexOf('registerSchemesAsPrivileged')).toBeLessThan(m.order.indexOf('whenReady'));
    expect(m.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('on ready: denies permissions, serves app://, registers IPC, guards webContents, opens the window on app://casewright', async () => {
    const running = await bootstrap({});
    expect(running).not.toBeNull();
    expect(m.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(m.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(m.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(m.ipcMain.handle.mock.calls.map((c) => c[0]).sort()).toEqual(API_NAME_LIST.map((n) => `cw:${n}`).sort());
    expect(m.app.listeners['web-contents-created']).toHaveLength(1);
    expect(m.windows).toHaveLength(1);
    const win = m.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: expect.stringMatching(/out[\\/]preload[\\/]index\.cjs$/) });
    expect(win.loadURL).toHaveBeenCalledWith('app://casewright/index.html');
    // One database module serves Node and Electron: nothing to complain about on a normal start.
    expect(errors).not.toHaveBeenCalled();
  });

  it('the IPC handlers dispatch for the main window and refuse others', async () => {
    await bootstrap({});
    const win = m.windows[0]!;
    const handler = m.ipcMain.handle.mock.calls.find((c) => c[0] === 'cw:app.status')?.[1] as (e: unknown, i: unknown) => Promise<{ ok: boolean; data?: unknown }>;
    const ok = await handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, {});
    expect(ok).toMatchObject({ ok: true, data: { version: '0.1.0', storeOpen: false } });
    const refused = await handler({ sender: {}, senderFrame: win.webContents.mainFrame }, {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('refused cw:app.status'));
  });

  it('packaged: no developer tools in the window or the menu; in development both', async () => {
    type Item = { role?: string; submenu?: Item[] };
    const roles = (items: Item[]): string[] => items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);
    const menuRoles = () => roles((m.Menu.setApplicationMenu.mock.calls.at(-1)?.[0] as { template: Item[] }).template);
    m.app.isPackaged = true;
    await bootstrap({});
    expect(m.windows[0]?.options.webPreferences.devTools).toBe(false);
    expect(menuRoles()).not.toContain('toggleDevTools');
    expect(menuRoles()).not.toContain('reload');
    expect(menuRoles()).toEqual(expect.arrayContaining(['copy', 'paste', 'quit']));
    reset();
    await bootstrap({});
    expect(m.windows[0]?.options.webPreferences.devTools).toBe(true);
    expect(menuRoles()).toContain('toggleDevTools');
  });

  it('loads the dev server URL only when not packaged', async () => {
    await bootstrap({ ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(m.windows[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5173');
    reset();
    m.app.isPackaged = true;
    await bootstrap({ ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(m.windows[0]?.loadURL).toHaveBeenCalledWith('app://casewright/index.html');
  });

  it('locks the session on suspend, lock-screen, window close and before-quit', async () => {
    const lock = vi.spyOn(Session.prototype, 'lock');
    await bootstrap({});
    m.powerEvents.emit('suspend');
    expect(lock).toHaveBeenLastCalledWith('idle');
    m.powerEvents.emit('lock-screen');
    expect(lock).toHaveBeenCalledTimes(2);
    m.windows[0]!.events.emit('close');
    expect(lock).toHaveBeenCalledTimes(3);
    m.app.emit('before-quit');
    expect(lock).toHaveBeenCalledTimes(4);
  });

  it('quits at once when another instance holds the lock', async () => {
    m.app.requestSingleInstanceLock.mockReturnValue(false);
    await expect(bootstrap({})).resolves.toBeNull();
    expect(m.app.quit).toHaveBeenCalled();
    expect(m.app.whenReady).not.toHaveBeenCalled();
    expect(m.windows).toHaveLength(0);
  });

  it('focuses the existing window on a second launch', async () => {
    await bootstrap({});
    m.app.emit('second-instance');
    expect(m.windows[0]?.focus).toHaveBeenCalled();
  });
});
