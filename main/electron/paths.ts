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
