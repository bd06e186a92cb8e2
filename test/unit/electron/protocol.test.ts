import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  mimeTypeFor,
  OutsideRootError,
  readFileInsideRoot,
  registerAppScheme,
  resolveRequestPath,
} from '../../../main/electron/protocol';

let base: string;
let root: string;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-protocol-'));
  root = path.join(base, 'out', 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Casewright</title><script type="module" src="/assets/app.js"></script>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'assets', 'font.woff2'), 'x');
  // A file outside the renderer folder that traversal would reach.
  fs.writeFileSync(path.join(base, 'secret.txt'), 'SECRET');
  fs.writeFileSync(path.join(base, 'out', 'secret.txt'), 'SECRET');
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

describe('app:// scheme', () => {
  it('is registered as standard, secure and fetch-capable (and not CORS-enabled)', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('corsEnabled');
  });

  it('uses the strict CSP', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
  });

  it('index.html carries the same script policy (WebAssembly for pdf.js, still no eval) as the protocol', () => {
    const html = fs.readFileSync(path.resolve(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directive = (csp: string, name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
    for (const name of ['default-src', 'script-src', 'style-src', 'img-src', 'font-src', 'object-src', 'base-uri', 'form-action']) {
      expect(directive(meta, name), name).toBe(directive(CONTENT_SECURITY_POLICY, name));
    }
    expect(directive(CONTENT_SECURITY_POLICY, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
  });
});

describe('symlinks in the renderer folder', () => {
  it('a link to a file outside the folder is refused (403), with the real file never read', async () => {
    const link = path.join(root, 'assets', 'leak.js');
    const dirLink = path.join(root, 'outside');
    fs.symlinkSync(path.join(base, 'secret.txt'), link);
    fs.symlinkSync(base, dirLink, 'dir');
    try {
      const handle = createAppProtocolHandler(root);
      const res = await handle({ url: 'app://casewright/assets/leak.js' });
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('SECRET');
      expect((await handle({ url: 'app://casewright/outside/secret.txt' })).status).toBe(403);
      await expect(readFileInsideRoot(root, link)).rejects.toBeInstanceOf(OutsideRootError);
    } finally {
      fs.rmSync(link);
      fs.rmSync(dirLink);
    }
  });

  it('a link that stays inside the folder is served', async () => {
    const link = path.join(root, 'assets', 'alias.js');
    fs.symlinkSync(path.join(root, 'assets', 'app.js'), link);
    try {
      const res = await createAppProtocolHandler(root)({ url: 'app://casewright/assets/alias.js' });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('console.log(1)');
    } finally {
      fs.rmSync(link);
    }
  });

  it('works when the renderer folder itself is reached through a link', async () => {
    const linkedRoot = path.join(base, 'linked-renderer');
    fs.symlinkSync(root, linkedRoot, 'dir');
    try {
      expect((await createAppProtocolHandler(linkedRoot)({ url: 'app://casewright/index.html' })).status).toBe(200);
    } finally {
      fs.rmSync(linkedRoot);
    }
  });
});

describe('the protocol handler', () => {
  it('serves index.html with the CSP header', async () => {
    const handle = createAppProtocolHandler(root);
    for (const url of ['app://casewright/index.html', 'app://casewright/', 'app://casewright']) {
      const res = await handle({ url, method: 'GET' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('<title>Casewright</title>');
    }
  });

  it('serves assets with the right MIME types', async () => {
    const handle = createAppProtocolHandler(root);
    const js = await handle({ url: 'app://casewright/assets/app.js' });
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect((await handle({ url: 'app://casewright/assets/app.css' })).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await handle({ url: 'app://casewright/assets/font.woff2' })).headers.get('content-type')).toBe('font/woff2');
    expect(mimeTypeFor('a.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('a.PNG')).toBe('image/png');
    expect(mimeTypeFor('a.exe')).toBe('application/octet-stream');
  });

  it('refuses path traversal, in every spelling', async () => {
    const read = vi.fn(async (f: string) => fs.promises.readFile(f));
    const handle = createAppProtocolHandler(root, read);
    const attempts = [
      'app://casewright/../../etc/passwd',
      'app://casewright/../secret.txt',
      'app://casewright/../../secret.txt',
      'app://casewright/assets/../../secret.txt',
      'app://casewright/%2e%2e/secret.txt',
      'app://casewright/..%2fsecret.txt',
      'app://casewright/..%2F..%2Fsecret.txt',
      'app://casewright/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://casewright/..%5csecret.txt',
      'app://casewright/..\\secret.txt',
      'app://casewright/%2fetc%2fpasswd',
      'app://casewright/C:%5cWindows%5cwin.ini',
      'app://casewright/index.html%00.png',
    ];
    for (const url of attempts) {
      const res = await handle({ url });
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('content-security-policy'), url).toBe(EXPECTED_CSP);
      expect(await res.text(), url).not.toContain('SECRET');
    }
    for (const [file] of read.mock.calls) {
      expect(path.relative(root, file).startsWith('..'), file).toBe(false);
    }
    expect(resolveRequestPath('app://casewright/../../etc/passwd', root)).toEqual({ ok: false, status: 403 });
  });

  it('serves nothing for another host or scheme', async () => {
    const handle = createAppProtocolHandler(root);
    expect((await handle({ url: 'app://other/index.html' })).status).toBe(404);
    expect(resolveRequestPath('file:///etc/passwd', root).ok).toBe(false);
    expect(resolveRequestPath('app://casewright:8080/index.html', root).ok).toBe(false);
  });

  it('answers 404 for a missing asset and falls back to index.html for app routes', async () => {
    const handle = createAppProtocolHandler(root);
    expect((await handle({ url: 'app://casewright/assets/missing.js' })).status).toBe(404);
    const route = await handle({ url: 'app://casewright/cases/123' });
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('only answers GET and HEAD', async () => {
    const handle = createAppProtocolHandler(root);
    expect((await handle({ url: 'app://casewright/index.html', method: 'POST' })).status).toBe(405);
    const head = await handle({ url: 'app://casewright/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('works with a fetch Request object, as Electron passes', async () => {
    const handle = createAppProtocolHandler(root);
    const res = await handle(new Request('app://casewright/index.html'));
    expect(res.status).toBe(200);
  });
});
