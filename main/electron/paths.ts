import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the built pieces live, relative to the app path (the project folder in development, app.asar when
 * packaged). Computed from app.getAppPath() rather than import.meta/__dirname so it is the same in the ESM
 * main bundle, in tests and inside asar.
 */
export interface AppPaths {
  preload: string;
  rendererRoot: string;
}

export function appPaths(appPath: string): AppPaths {
  return {
    preload: path.join(appPath, 'out', 'preload', 'index.cjs'),
    rendererRoot: path.join(appPath, 'out', 'renderer'),
  };
}

/** The folder scripts/build-native-electron.mjs writes the Electron-ABI database module to. */
export function electronNativeDir(projectDir: string, electronVersion: string): string {
  return path.join(projectDir, '.electron-native', electronVersion);
}

/**
 * better-sqlite3's `nativeBinding` for this run. Packaged apps have the module rebuilt for Electron by
 * electron-builder (npmRebuild), so the default lookup is right there. In development, node_modules holds
 * the Node-ABI build (for the tests), and the Electron-ABI one is the copy `npm start` built.
 */
export function nativeBindingPath(opts: {
  isPackaged: boolean;
  appPath: string;
  electronVersion: string;
  exists?: (p: string) => boolean;
}): string | undefined {
  if (opts.isPackaged) return undefined;
  const candidate = path.join(electronNativeDir(opts.appPath, opts.electronVersion), 'better_sqlite3.node');
  return (opts.exists ?? fs.existsSync)(candidate) ? candidate : undefined;
}
