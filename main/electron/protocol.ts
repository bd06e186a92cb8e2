import fs from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import { APP_HOST, APP_SCHEME, safeUrl } from './origins';

/**
 * The `app://casewright/` protocol: the UI is served from the built renderer folder (out/renderer) and from
 * nowhere else, with a strict Content-Security-Policy on every response. Serving from a custom standard scheme
 * rather than file:// gives the UI a real origin (so 'self' in the CSP means something and the page cannot
 * read arbitrary local files) and lets us set response headers.
 */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets pdf.js instantiate its WebAssembly decoders (JPEG 2000, JBIG2) from the app's own
  // files; it does not allow eval() or new Function().
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Privileges for the scheme; must be registered before the app is ready. corsEnabled is deliberately unset. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

export interface SchemeRegistrar {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
}

export function registerAppScheme(protocol: SchemeRegistrar): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every response of the protocol, errors included. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

// A ".." segment written literally, percent-encoded, or with a backslash separator.
const DOT_DOT_SEGMENT = /(?:^|[/\\]|%2f|%5c)(?:\.|%2e){2}(?:$|[/\\?#]|%2f|%5c)/i;

export type Resolution = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps a request URL to a file under `root`, or says why not. Pure (no file system access), so it can be
 * tested exhaustively. Refuses other hosts, dot-dot segments (before and after decoding), NUL
 * bytes, and anything whose resolved path is not inside root.
 */
export function resolveRequestPath(rawUrl: string, root: string): Resolution {
  // Look at the raw text first: URL parsing silently folds "/../" away, and we would rather refuse outright.
  const afterHost = (rawUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/\\]*/i, '').split(/[?#]/)[0] ?? '');
  if (DOT_DOT_SEGMENT.test(afterHost)) return { ok: false, status: 403 };
  // The app never asks for an encoded separator; one is only ever an attempt to smuggle a path past the parser.
  if (/%2f|%5c/i.test(afterHost)) return { ok: false, status: 400 };
  const url = safeUrl(rawUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.hostname.toLowerCase() !== APP_HOST || url.port !== '') return { ok: false, status: 404 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (pathname.includes('\0')) return { ok: false, status: 400 };
  const segments = pathname.split(/[/\\]+/).filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 403 };
  // A drive letter or UNC-looking first segment must never become an absolute path on Windows.
  if (segments.some((s) => s.includes(':'))) return { ok: false, status: 403 };
  const relative = segments.length === 0 ? 'index.html' : segments.join(path.sep);
  const rootResolved = path.resolve(root);
  const file = path.resolve(rootResolved, relative);
  const rel = path.relative(rootResolved, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { ok: false, status: 403 };
  return { ok: true, file };
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error' };

function errorResponse(status: number): Response {
  return new Response(STATUS_TEXT[status] ?? 'Error', { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Thrown when a file's real location (symlinks followed) is outside the root; answered with 403. */
export class OutsideRootError extends Error {
  readonly code = 'EOUTSIDE';
}

// The callback forms, which Electron's asar support patches, so this also works inside app.asar.
const realpath = promisify(fs.realpath);
const readFile = promisify(fs.readFile);

/**
 * Reads `file` only if its real path (every symlink followed) is still inside the real path of `root`: a
 * symlink placed in the renderer folder must never let the page read a file from elsewhere on the disk.
 */
export async function readFileInsideRoot(root: string, file: string): Promise<Uint8Array> {
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
  const rel = path.relative(realRoot, realFile);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) throw new OutsideRootError(`${file} resolves outside the renderer folder`);
  return readFile(realFile);
}

export interface ProtocolRequest {
  url: string;
  method?: string;
}

/** The handler given to protocol.handle('app', ...). */
export function createAppProtocolHandler(root: string, read: (file: string) => Promise<Uint8Array> = (f) => readFileInsideRoot(root, f)) {
  return async (request: ProtocolRequest): Promise<Response> => {
    const method = (request.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return errorResponse(405);
    let resolved = resolveRequestPath(request.url, root);
    // A client-side route (no file extension) falls back to the single page.
    if (resolved.ok && path.extname(resolved.file) === '') resolved = { ok: true, file: path.join(path.resolve(root), 'index.html') };
    if (!resolved.ok) return errorResponse(resolved.status);
    let body: Uint8Array;
    try {
      body = await read(resolved.file);
    } catch (e) {
      if (e instanceof OutsideRootError) return errorResponse(403);
      const code = (e as NodeJS.ErrnoException).code;
      return errorResponse(code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'ELOOP' ? 404 : 500);
    }
    const headers = { ...securityHeaders(), 'Content-Type': mimeTypeFor(resolved.file), 'Content-Length': String(body.byteLength) };
    return new Response(method === 'HEAD' ? null : (body as BodyInit), { status: 200, headers });
  };
}
