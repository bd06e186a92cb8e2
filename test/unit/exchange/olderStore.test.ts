import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testSession } from '../../helpers/session';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/stores');

describe('a store made before the review exchange (issue 14)', () => {
  it('gets its identity on first use, once, and still verifies', async () => {
    const t = testSession();
    const store = path.join(t.dir, 'old.cwstore');
    fs.copyFileSync(path.join(FIXTURES, 'v0.1.0.cwstore'), store);
    const facts = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'v0.1.0.json'), 'utf8')) as { passphrase: string };
    await t.call('store.open', { path: store, passphrase: facts.passphrase });
    const db = t.session.requireStore().db;
    expect(db.prepare('SELECT count(*) AS n FROM exchange_identity').get()).toEqual({ n: 0 });
    const first = await t.call('exchange.identity', {});
    expect(first.fingerprint).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}( [0-9A-HJKMNP-TV-Z]{4}){5}$/);
    expect((await t.call('exchange.identity', {})).fingerprint).toBe(first.fingerprint);
    // The private keys are in the store, never in what the API returns.
    expect(JSON.stringify(first)).not.toMatch(/AGE-SECRET-KEY|signing_secret/);
    const row = db.prepare('SELECT encryption_secret, signing_secret FROM exchange_identity').get() as { encryption_secret: string; signing_secret: string };
    expect(row.encryption_secret).toMatch(/^AGE-SECRET-KEY-1/);
    expect(JSON.stringify(t.session.settings())).not.toContain(row.signing_secret);
    expect(await t.call('store.verify', {})).toMatchObject({ ok: true });
  });
});
