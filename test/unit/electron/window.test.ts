import { beforeEach, describe, expect, it, vi } from 'vitest';

const mocks = vi.hoisted(() => {
  const constructed: unknown[] = [];
  class BrowserWindow {
    options: unknown;
    handlers: Record<string, () => void> = {};
    show = vi.fn();
    constructor(options: unknown) {
      this.options = options;
      constructed.push(options);
    }
    once(event: string, fn: () => void) {
      this.handlers[event] = fn;
      return this;
    }
  }
  return { BrowserWindow, constructed };
});

vi.mock('electron', () => ({ BrowserWindow: mocks.BrowserWindow }));

import { buildWebPreferences, createMainWindow } from '../../../main/electron/window';

describe('main window', () => {
  beforeEach(() => {
    mocks.constructed.length = 0;
  });

  it('has exactly the hardened webPreferences', () => {
    expect(buildWebPreferences('/app/out/preload/index.cjs', { devTools: false })).toStrictEqual({
      devTools: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: true,
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('creates the BrowserWindow with those webPreferences, hidden until painted', () => {
    const win = createMainWindow({ preloadPath: '/p/out/preload/index.cjs', isPackaged: true }) as unknown as InstanceType<typeof mocks.BrowserWindow>;
    const options = mocks.constructed[0] as { show: boolean; webPreferences: unknown };
    expect(options.webPreferences).toStrictEqual(buildWebPreferences('/p/out/preload/index.cjs', { devTools: false }));
    expect(options.show).toBe(false);
    win.handlers['ready-to-show']?.();
    expect(win.show).toHaveBeenCalled();
  });

  it('has developer tools only when not packaged', () => {
    createMainWindow({ preloadPath: '/p', isPackaged: false });
    expect((mocks.constructed[0] as { webPreferences: { devTools: boolean } }).webPreferences.devTools).toBe(true);
  });
});
