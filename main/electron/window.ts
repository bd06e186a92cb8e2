import { BrowserWindow, type WebPreferences } from 'electron';

/**
 * The window's webPreferences, as a pure function so a test can assert every setting. See docs/electron.md
 * for why each one is set; none may be loosened without a security review.
 */
export function buildWebPreferences(preloadPath: string, opts: { devTools: boolean }): WebPreferences {
  return {
    // Developer tools only in development: in a packaged build nothing (menu, shortcut, a bug) can open them.
    devTools: opts.devTools,
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
    preload: preloadPath,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  /** app.isPackaged: no developer tools in a packaged build. */
  isPackaged: boolean;
}

export function createMainWindow({ preloadPath, isPackaged }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Casewright',
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: buildWebPreferences(preloadPath, { devTools: !isPackaged }),
  });
  // Shown once painted, so the user never sees a blank white frame.
  win.once('ready-to-show', () => win.show());
  return win;
}
