import type { App, Session, WebContents } from 'electron';
import { isTrustedUrl, safeUrl, type TrustedOrigins } from './origins';

/**
 * Guards applied to every webContents and to the session, following Electron's security checklist. Each is a
 * plain function over the objects it touches, so tests can call it with mocks.
 */

interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of a webContents the guards touch. */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export type OpenExternal = (url: string) => Promise<void> | void;

/** Only https links ever leave the app, and only to the user's default browser. */
export function isExternalLinkAllowed(raw: string): boolean {
  const url = safeUrl(raw);
  return url !== null && url.protocol === 'https:' && url.username === '' && url.password === '';
}

/** will-navigate / will-redirect / will-frame-navigate: stay on the app's own origin. */
export function guardNavigation(contents: GuardedContents, trusted: TrustedOrigins): void {
  const check = (event: PreventableEvent, url: string) => {
    if (!isTrustedUrl(url, trusted)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => check(event, event.url));
  contents.on('will-redirect', (event) => check(event, event.url));
  contents.on('will-frame-navigate', (event) => check(event, event.url));
}

/** window.open and target=_blank never create a window; https links open in the default browser instead. */
export function denyWindowOpen(contents: GuardedContents, openExternal: OpenExternal): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) {
      void Promise.resolve()
        .then(() => openExternal(url))
        .catch(() => {});
    }
    return { action: 'deny' };
  });
}

/** No <webview>: the tag is disabled in webPreferences, and any attempt to attach one is refused anyway. */
export function blockWebviews(contents: GuardedContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function applyWebContentsGuards(contents: GuardedContents, trusted: TrustedOrigins, openExternal: OpenExternal): void {
  guardNavigation(contents, trusted);
  denyWindowOpen(contents, openExternal);
  blockWebviews(contents);
}

/** Applies the guards to every webContents the app ever creates (windows, devtools, anything else). */
export function installWebContentsGuards(app: Pick<App, 'on'>, trusted: TrustedOrigins, openExternal: OpenExternal): void {
  app.on('web-contents-created', (_event, contents) => applyWebContentsGuards(contents, trusted, openExternal));
}

export type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/** The app needs no browser permission (camera, notifications, geolocation, clipboard-read, ...): deny all. */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
