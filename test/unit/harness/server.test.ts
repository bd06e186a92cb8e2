import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { startHarness } from '../../harness/server';
import { tempDir } from '../../helpers/tmp';

/** A raw request (no URL normalisation by a client library), answering the status code and body. */
function raw(url: string, path: string, method = 'GET', headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path, method, headers: { host: u.host, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the browser harness', () => {
  it('answers 400 to a malformed URL and lives on', async () => {
    const h = await startHarness({ dir: tempDir() });
    const rejections: unknown[] = [];
    const onRejection = (e: unknown) => rejections.push(e);
    process.on('unhandledRejection', onRejection);
    try {
      expect((await raw(h.url, '/%E0%A4%A')).status).toBe(400);
      expect((await raw(h.url, '/assets/%ZZ.js')).status).toBe(400);
      expect((await raw(h.url, '/api/%E0%A4%A', 'POST', { 'x-casewright-token': h.token }, '{}')).status).toBe(400);
      // Still serving: a proper call works.
      const ok = await raw(h.url, '/api/app.status', 'POST', { 'x-casewright-token': h.token, 'content-type': 'application/json' }, '{}');
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.body)).toMatchObject({ ok: true });
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
      await h.close();
    }
  });
});
