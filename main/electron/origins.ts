/**
 * Where the UI may come from. Packaged (and `npm start`) builds serve it from the custom `app://casewright`
 * origin; `electron-vite dev` serves it from a local dev server whose URL is trusted only when the app is not
 * packaged. Every guard (navigation, IPC sender checks) asks this one place.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'casewright';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface TrustedOrigins {
  /** The dev server URL (electron-vite's ELECTRON_RENDERER_URL), only ever set in unpackaged runs. */
  readonly devUrl?: string;
}

/** The dev URL is honoured only outside a packaged app, and only if it is an http(s) URL. */
export function trustedOrigins(opts: { isPackaged: boolean; devUrl?: string | undefined }): TrustedOrigins {
  if (opts.isPackaged || !opts.devUrl) return {};
  const parsed = safeUrl(opts.devUrl);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return {};
  return { devUrl: opts.devUrl };
}

export function safeUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * Same origin as the app (scheme, host and port), compared by hand: Node's URL gives custom schemes an opaque
 * "null" origin, and hosts of non-special schemes are not lower-cased by it (Chromium's are).
 */
function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.hostname.toLowerCase() === b.hostname.toLowerCase() && a.port === b.port && a.username === '' && a.password === '';
}

const APP_URL = new URL(`${APP_ORIGIN}/`);

/** True when `raw` is a page of the app itself (or, in development, of the dev server). */
export function isTrustedUrl(raw: string, trusted: TrustedOrigins): boolean {
  const url = safeUrl(raw);
  if (!url) return false;
  if (sameOrigin(url, APP_URL)) return true;
  if (trusted.devUrl) {
    const dev = safeUrl(trusted.devUrl);
    if (dev && sameOrigin(url, dev)) return true;
  }
  return false;
}

/** The URL the window loads. */
export function entryUrl(trusted: TrustedOrigins): string {
  return trusted.devUrl ?? APP_ENTRY_URL;
}
