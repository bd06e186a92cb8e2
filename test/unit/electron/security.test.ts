import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, isTrustedUrl, trustedOrigins } from '../../../main/electron/origins';
import {
  applyWebContentsGuards,
  denyAllPermissions,
  installWebContentsGuards,
  isExternalLinkAllowed,
  type GuardedContents,
} from '../../../main/electron/security';

type Listener = (...args: unknown[]) => unknown;

function fakeContents() {
  const listeners: Record<string, Listener[]> = {};
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: vi.fn((event: string, fn: Listener) => {
      (listeners[event] ??= []).push(fn);
      return contents;
    }),
    setWindowOpenHandler: vi.fn((fn: (details: { url: string }) => { action: string }) => {
      openHandler = fn;
    }),
  };
  const fire = (event: string, url: string) => {
    const ev = { url, preventDefault: vi.fn() };
    for (const fn of listeners[event] ?? []) fn(ev, url);
    return ev.preventDefault.mock.calls.length > 0;
  };
  return { contents: contents as unknown as GuardedContents, listeners, fire, open: (url: string) => openHandler?.({ url }) };
}

const prod = trustedOrigins({ isPackaged: true, devUrl: 'http://localhost:5173' });
const dev = trustedOrigins({ isPackaged: false, devUrl: 'http://localhost:5173' });

describe('trusted origins', () => {
  it('trusts only app://casewright when packaged, even if a dev URL is set', () => {
    expect(prod.devUrl).toBeUndefined();
    expect(isTrustedUrl(APP_ENTRY_URL, prod)).toBe(true);
    expect(isTrustedUrl('app://CASEWRIGHT/assets/x.js', prod)).toBe(true);
    expect(isTrustedUrl('http://localhost:5173/', prod)).toBe(false);
    expect(isTrustedUrl('app://evil/index.html', prod)).toBe(false);
    expect(isTrustedUrl('app://casewright:99/index.html', prod)).toBe(false);
    expect(isTrustedUrl('file:///etc/passwd', prod)).toBe(false);
    expect(isTrustedUrl('not a url', prod)).toBe(false);
  });

  it('trusts the dev server origin only in development', () => {
    expect(isTrustedUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/', dev)).toBe(false);
    expect(trustedOrigins({ isPackaged: false, devUrl: 'javascript:alert(1)' }).devUrl).toBeUndefined();
  });
});

describe('navigation guards', () => {
  it('prevents navigation and redirects away from the app, allows app:// pages', () => {
    const f = fakeContents();
    applyWebContentsGuards(f.contents, prod, vi.fn());
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(f.fire(event, 'https://evil.example/')).toBe(true);
      expect(f.fire(event, 'file:///etc/passwd')).toBe(true);
      expect(f.fire(event, 'app://casewright/index.html')).toBe(false);
      expect(f.fire(event, 'app://casewright/cases/1')).toBe(false);
    }
  });

  it('allows the dev server in development only', () => {
    const d = fakeContents();
    applyWebContentsGuards(d.contents, dev, vi.fn());
    expect(d.fire('will-navigate', 'http://localhost:5173/')).toBe(false);
    const p = fakeContents();
    applyWebContentsGuards(p.contents, prod, vi.fn());
    expect(p.fire('will-navigate', 'http://localhost:5173/')).toBe(true);
  });

  it('prevents attaching a webview', () => {
    const f = fakeContents();
    applyWebContentsGuards(f.contents, prod, vi.fn());
    expect(f.fire('will-attach-webview', 'https://evil.example/')).toBe(true);
  });
});

describe('window.open', () => {
  it('is always denied; https links go to the default browser, nothing else does', async () => {
    const f = fakeContents();
    const openExternal = vi.fn();
    applyWebContentsGuards(f.contents, prod, openExternal);
    expect(f.open('https://www.gov.uk/')).toEqual({ action: 'deny' });
    expect(f.open('http://insecure.example/')).toEqual({ action: 'deny' });
    expect(f.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(f.open('app://casewright/index.html')).toEqual({ action: 'deny' });
    expect(f.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 0));
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://www.gov.uk/');
  });

  it('only allows plain https links out', () => {
    expect(isExternalLinkAllowed('https://example.org/a')).toBe(true);
    expect(isExternalLinkAllowed('https://user:pw@example.org/')).toBe(false);
    expect(isExternalLinkAllowed('smb://server/share')).toBe(false);
    expect(isExternalLinkAllowed('garbage')).toBe(false);
  });
});

describe('web-contents-created', () => {
  it('applies the guards to every webContents', () => {
    let created: Listener | undefined;
    const app = { on: vi.fn((event: string, fn: Listener) => (event === 'web-contents-created' ? (created = fn) : undefined)) };
    installWebContentsGuards(app as never, prod, vi.fn());
    expect(created).toBeDefined();
    const f = fakeContents();
    created?.({}, f.contents);
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(f.listeners['will-attach-webview']).toHaveLength(1);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    denyAllPermissions(session as never);
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const cb = vi.fn();
      request({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...a: unknown[]) => boolean;
    expect(check(null, 'media', 'app://casewright', {})).toBe(false);
    expect(check({}, 'clipboard-sanitized-write', 'app://casewright', {})).toBe(false);
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (d: unknown) => boolean;
    expect(device({ deviceType: 'usb' })).toBe(false);
  });
});
