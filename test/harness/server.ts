import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import type { AppEvent } from '../../shared/api/contract';
import { createDispatcher } from '../../main/api/handlers';
import { memorySettings, type Platform, type SecretVault } from '../../main/services/platform';
import { Session } from '../../main/services/session/session';
import { pdfjsWasm } from '../../scripts/pdfjsWasm';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/protocol';

/**
 * The browser harness: serves the built renderer on 127.0.0.1 and carries window.casewright calls over HTTP
 * onto the real handler table, against stores in a temporary folder. For development and tests only: it
 * checks a random token and the Host header, and listens on loopback alone.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_RENDERER_DIR = path.join(root, 'out/renderer-web');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** Builds the renderer with the same Vite settings as electron.vite.config.ts, into out/renderer-web. */
export async function buildRendererForWeb(): Promise<void> {
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  await build({
    configFile: false,
    logLevel: 'warn',
    root: path.join(root, 'renderer'),
    base: './',
    plugins: [react(), pdfjsWasm(root)],
    build: { outDir: WEB_RENDERER_DIR, emptyOutDir: true, minify: true },
  });
}

async function bundleBridge(): Promise<string> {
  const r = await esbuild({ entryPoints: [path.join(root, 'test/harness/bridge.ts')], bundle: true, format: 'iife', write: false, target: 'chrome120' });
  return r.outputFiles[0]!.text;
}

/** A stand-in for the OS keychain (base64 with a marker), so "remember on this device" can be exercised. */
export const testVault: SecretVault = {
  isAvailable: async () => true,
  encrypt: async (s) => `test-vault:${Buffer.from(s, 'utf8').toString('base64')}`,
  decrypt: async (s) => {
    if (!s.startsWith('test-vault:')) throw new Error('not sealed by this vault');
    return { plain: Buffer.from(s.slice('test-vault:'.length), 'base64').toString('utf8'), reseal: false };
  },
};

export interface Harness {
  url: string;
  token: string;
  dir: string;
  session: Session;
  close(): Promise<void>;
}

/** `today` pins the date the handlers see (YYYY-MM-DD), so the end-to-end suite passes on every day of the year. */
export async function startHarness(opts: { dir: string; idleLockMs?: number; actor?: string; today?: string }): Promise<Harness> {
  const token = randomBytes(24).toString('hex');
  const bridge = await bundleBridge();
  const listeners = new Set<http.ServerResponse>();
  let created = 0;
  const exportsDir = path.join(opts.dir, 'exports');
  fs.mkdirSync(exportsDir, { recursive: true });

  const platform: Platform = {
    actor: opts.actor ?? 'Test Officer',
    appVersion: '0.1.0-harness',
    settings: memorySettings(),
    vault: testVault,
    // The "dialogs" answer with files in the temporary folder.
    chooseStorePath: async (mode) => (mode === 'create' ? path.join(opts.dir, `store-${++created}.cwstore`) : platform.settings.read().recentStores[0] ?? null),
    chooseSavePath: async (name) => path.join(exportsDir, name),
    chooseFolder: async () => exportsDir,
    emit: (e: AppEvent) => {
      for (const res of listeners) res.write(`data: ${JSON.stringify(e)}\n\n`);
    },
    ...(opts.idleLockMs !== undefined ? { idleLockMsOverride: opts.idleLockMs } : {}),
    ...(opts.today !== undefined ? { today: () => opts.today! } : {}),
  };
  const session = new Session(platform);
  const dispatch = createDispatcher(session, (e) => console.error('harness: internal error', e));

  let expectedHost = '';
  /** A percent-encoded path segment decoded, or null when it is malformed (answered with 400). */
  const decode = (s: string): string | null => {
    try {
      return decodeURIComponent(s);
    } catch {
      return null;
    }
  };
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://x');
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    // DNS rebinding: only answer requests addressed to our own loopback host and port.
    if (req.headers.host !== expectedHost) {
      res.writeHead(421).end('wrong host');
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST' || req.headers['x-casewright-token'] !== token) {
        res.writeHead(403).end();
        return;
      }
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      let input: unknown;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        res.writeHead(400).end();
        return;
      }
      const name = decode(url.pathname.slice(5));
      if (name === null) {
        res.writeHead(400).end('bad request');
        return;
      }
      const result = await dispatch(name, input);
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(result));
      return;
    }
    if (url.pathname === '/events') {
      if (url.searchParams.get('token') !== token) {
        res.writeHead(403).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    if (url.pathname === '/__bridge.js') {
      res.writeHead(200, { 'content-type': MIME['.js']! }).end(bridge);
      return;
    }
    const rel = url.pathname === '/' ? 'index.html' : decode(url.pathname.slice(1));
    if (rel === null) {
      res.writeHead(400).end('bad request');
      return;
    }
    const file = path.resolve(WEB_RENDERER_DIR, rel);
    if (!file.startsWith(WEB_RENDERER_DIR + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    let body: Buffer | string = fs.readFileSync(file);
    if (rel === 'index.html') {
      body = body.toString('utf8').replace('<head>', '<head>\n    <script src="/__bridge.js"></script>');
    }
    // The app's Content-Security-Policy as a header too, as app:// sends it, so the pdf.js worker (which a
    // <meta> policy does not reach) runs under it here as in Electron.
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', 'content-security-policy': CONTENT_SECURITY_POLICY }).end(body);
  };
  // No request may take the process down: anything unforeseen is answered (or the connection dropped) and logged.
  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('harness: request failed', e);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  expectedHost = `127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    dir: opts.dir,
    session,
    async close() {
      session.lock('user');
      for (const res of listeners) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
