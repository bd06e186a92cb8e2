import nodeModule from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * The operating system's folder for a program's caches: things that can be thrown away at any time and are
 * made again when missing. Linux: $XDG_CACHE_HOME/casewright (~/.cache/casewright); macOS:
 * ~/Library/Caches/Casewright; Windows: %LOCALAPPDATA%\Casewright\Cache.
 */
export function osCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'Casewright', 'Cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'Casewright');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'casewright');
}

type Enable = (dir?: string) => { status: number; directory?: string; message?: string };

/**
 * Node's compile cache (issue 15): V8's compiled code of Casewright's own JavaScript and of the npm packages it
 * loads, kept on disk so the next start does not compile them again. It holds compiled program code only,
 * never anything about a case (docs/security.md). Turned on before the heavy modules load; modules loaded
 * earlier are simply not cached. Anything going wrong leaves the program running as before, without the
 * cache (Node also honours NODE_DISABLE_COMPILE_CACHE=1). Returns the folder in use, or null.
 */
export function enableCompileCache(dir: string = path.join(osCacheDir(), 'compile-cache')): string | null {
  const enable = (nodeModule as unknown as { enableCompileCache?: Enable }).enableCompileCache;
  if (typeof enable !== 'function') return null;
  try {
    return enable(dir).directory ?? null;
  } catch {
    return null;
  }
}
