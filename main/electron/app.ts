import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, session as electronSession, shell } from 'electron';
import { createDispatcher } from '../api/handlers';
import { Session } from '../services/session/session';
import { registerIpc } from './ipc';
import { applicationMenuTemplate } from './menu';
import { APP_SCHEME, entryUrl, trustedOrigins, type TrustedOrigins } from './origins';
import { appPaths } from './paths';
import { createElectronPlatform } from './platform';
import { createAppProtocolHandler, registerAppScheme } from './protocol';
import { denyAllPermissions, installWebContentsGuards, isExternalLinkAllowed } from './security';
import { createMainWindow } from './window';

/**
 * The app's lifecycle. Everything that must happen before `ready` (sandbox for every renderer, the privileged
 * scheme, the single-instance lock, the webContents guards) happens synchronously in bootstrap(); the rest in
 * onReady(). Returns the ready promise so tests can await it.
 */

export interface Running {
  session: Session;
  trusted: TrustedOrigins;
  getMainWindow: () => BrowserWindow | null;
}

function log(message: string, e?: unknown): void {
  console.error(`[casewright] ${message}`, ...(e === undefined ? [] : [e]));
}

export function bootstrap(env: NodeJS.ProcessEnv = process.env): Promise<Running | null> {
  // Every renderer sandboxed, whatever its webPreferences say. Must run before ready.
  app.enableSandbox();
  registerAppScheme(protocol);

  if (!app.requestSingleInstanceLock()) {
    // Another Casewright is running; it gets focus (see 'second-instance') and this one leaves.
    app.quit();
    return Promise.resolve(null);
  }

  const trusted = trustedOrigins({ isPackaged: app.isPackaged, devUrl: env.ELECTRON_RENDERER_URL });
  installWebContentsGuards(app, trusted, (url) => {
    if (isExternalLinkAllowed(url)) return shell.openExternal(url);
  });

  return app.whenReady().then(
    () => onReady(trusted),
    (e: unknown) => {
      log('failed to start', e);
      app.quit();
      return null;
    },
  );
}

function onReady(trusted: TrustedOrigins): Running {
  const appPath = app.getAppPath();
  const paths = appPaths(appPath);

  denyAllPermissions(electronSession.defaultSession);
  // Replaces Electron's default menu, which offers developer tools.
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate({ isPackaged: app.isPackaged, platform: process.platform, appName: app.getName() })));
  protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererRoot));

  let mainWindow: BrowserWindow | null = null;
  const getMainWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);

  const platform = createElectronPlatform({ getMainWindow });
  const session = new Session(platform);
  const dispatch = createDispatcher(session, (e) => log('internal error', e));

  registerIpc({
    ipcMain,
    dispatch,
    getMainContents: () => getMainWindow()?.webContents ?? null,
    trusted,
    onRefused: (channel, reason) => log(`refused ${channel}: ${reason}`),
    onInternalError: (e) => log('internal error', e),
  });

  // Locking closes the database, so the key leaves memory with it.
  const lock = (reason: 'idle' | 'user') => {
    try {
      session.lock(reason);
    } catch (e) {
      log('could not lock the store cleanly', e);
    }
  };
  // The OS is going to sleep or the screen is being locked: nobody is at the keyboard.
  powerMonitor.on('suspend', () => lock('idle'));
  powerMonitor.on('lock-screen', () => lock('idle'));
  app.on('before-quit', () => lock('user'));

  const openWindow = () => {
    const win = createMainWindow({ preloadPath: paths.preload, isPackaged: app.isPackaged });
    mainWindow = win;
    win.on('close', () => lock('user'));
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    // A crashed renderer has lost its state; lock so a reloaded page starts from the passphrase again.
    win.webContents.on('render-process-gone', () => lock('user'));
    win.loadURL(entryUrl(trusted)).catch((e: unknown) => {
      log('could not load the interface', e);
      dialog.showErrorBox('Casewright could not start', 'The interface could not be loaded. Try reinstalling Casewright.');
    });
    return win;
  };

  app.on('second-instance', () => {
    const win = getMainWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  openWindow();
  return { session, trusted, getMainWindow };
}
