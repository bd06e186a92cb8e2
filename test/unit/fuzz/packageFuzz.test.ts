import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ioAndIp } from '../exchange/parties';
import { teamAndMember } from '../exchange/panelParties';
import type { Contact } from '../../../shared/exchange/card';

/**
 * Packages cut, spliced, with bytes changed, inserted or deleted anywhere, and arbitrary bytes, thrown at
 * exchange.open: every one refused with a plain sentence (never INTERNAL), the store unchanged and still
 * verifying. FUZZ_RUNS raises the number of rounds; FUZZ_SEED replays a failure.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

const mutation = (n: number) =>
  fc.oneof(
    fc.record({ op: fc.constant('set' as const), at: fc.nat({ max: n - 1 }), byte: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ op: fc.constant('insert' as const), at: fc.nat({ max: n }), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
    fc.record({ op: fc.constant('delete' as const), at: fc.nat({ max: n - 1 }), count: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ op: fc.constant('cut' as const), at: fc.nat({ max: n - 1 }) }),
  );

function apply(bytes: Buffer, ms: { op: string; at: number; byte?: number; bytes?: Uint8Array; count?: number }[]): Buffer {
  let b = Buffer.from(bytes);
  for (const m of ms) {
    const at = Math.min(m.at, b.length);
    if (m.op === 'set' && at < b.length) b[at] = m.byte === b[at] ? (m.byte! + 1) % 256 : m.byte!;
    else if (m.op === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes!), b.subarray(at)]);
    else if (m.op === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.count!)]);
    else if (m.op === 'cut') b = b.subarray(0, at);
  }
  return b;
}

describe('packages mangled at random (issue 14)', () => {
  it('are refused with one sentence and change nothing', async () => {
    const { io, ip } = await ioAndIp();
    const out = io.saveTo('draft.cwpack');
    await io.call('review.send', { caseId: (await io.firstCase()).id, to: 'Dr Femi Adebayo' });
    const good = fs.readFileSync(out);
    const before = await ip.snapshot();
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(mutation(good.length), { minLength: 1, maxLength: 4 }).map((ms) => apply(good, ms)), fc.uint8Array({ maxLength: 4096 }).map((u) => Buffer.from(u))), async (bad) => {
        if (bad.equals(good)) return;
        const r = await ip.dispatch('exchange.open', { dataBase64: bad.toString('base64') || 'AA==' });
        expect(r.ok).toBe(false);
        if (r.ok) return;
        codes.add(r.error.code);
        expect(['ALTERED', 'INVALID_INPUT', 'NEWER_VERSION', 'NOT_FOR_YOU']).toContain(r.error.code);
        expect(r.error.message).toMatch(/^[A-Z][^\n]*\.$/);
        expect(r.error.message).not.toMatch(/at .*\.ts:|Error:|SQLITE/);
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    expect(codes.has('ALTERED')).toBe(true);
    expect(await ip.snapshot()).toBe(before);
    expect(await ip.call('store.verify', {})).toMatchObject({ ok: true });
    // The good package still opens after all that.
    expect(await ip.dispatch('exchange.open', { dataBase64: good.toString('base64') })).toMatchObject({ ok: true });
  }, 300_000);

  it('papers for the review panel, mangled, are refused the same way and the member’s store keeps nothing (issue 16)', async () => {
    const { team, member, caseId } = await teamAndMember();
    const out = team.saveTo('papers.cwpack');
    await team.call('papers.send', { caseId, member: 'Ewa Łukasiewicz-Öztürk', documents: [{ kind: 'investigation-report' }] });
    const good = fs.readFileSync(out);
    const db = member.session.requireStore().db;
    const count = () => JSON.stringify([db.prepare('SELECT count(*) AS n FROM panel_papers').get(), db.prepare('SELECT count(*) AS n FROM exchange_packages').get(), db.prepare('SELECT count(*) AS n FROM audit_log').get()]);
    const before = count();
    // Half the rounds of the review request's: each round decrypts up to a megabyte of pack.
    await fc.assert(
      fc.asyncProperty(fc.array(mutation(good.length), { minLength: 1, maxLength: 4 }).map((ms) => apply(good, ms)), async (bad) => {
        if (bad.equals(good)) return;
        const r = await member.dispatch('exchange.open', { dataBase64: bad.toString('base64') || 'AA==' });
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(['ALTERED', 'INVALID_INPUT', 'NEWER_VERSION', 'NOT_FOR_YOU']).toContain(r.error.code);
        expect(r.error.message).toMatch(/^[A-Z][^\n]*\.$/);
      }),
      { numRuns: Math.max(10, Math.floor(RUNS / 2)), ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    expect(count()).toBe(before);
    expect(await member.call('store.verify', {})).toMatchObject({ ok: true });
    expect(await member.dispatch('exchange.open', { dataBase64: good.toString('base64') })).toMatchObject({ ok: true });
  }, 300_000);

  it('replacement contact cards, mangled, are refused with one sentence and trust nothing new (lost laptops and new keys)', async () => {
    const { io, ip } = await ioAndIp();
    const oldFpr = (await io.call('exchange.identity', {})).fingerprint;
    await io.call('exchange.newKeys', { reason: 'laptop stolen' });
    const good = Buffer.from(await io.card(), 'utf8');
    const newFpr = (await io.call('exchange.identity', {})).fingerprint;
    let before = await ip.snapshot();
    await fc.assert(
      fc.asyncProperty(fc.array(mutation(good.length), { minLength: 1, maxLength: 3 }).map((ms) => apply(good, ms)), async (bad) => {
        const oldRevoked = async () => (await ip.call('exchange.contacts', {})).find((c) => c.fingerprint === oldFpr)?.revokedAt ?? null;
        const wasRevoked = await oldRevoked();
        const r = await ip.dispatch('exchange.addContact', { text: bad.toString('utf8') || ' ', verified: false });
        if (r.ok) {
          // Taken only as the same new card, never trusted: either the change left its meaning as it was (white
          // space, say), or it named another card as replaced, which this store does not hold, so nothing was
          // revoked on its word.
          const added = r.data as Contact;
          expect(added.fingerprint).toBe(newFpr);
          expect(added.verified).toBe(false);
          if (added.replaced) expect(added.replaced.fingerprint).toBe(oldFpr);
          else expect(await oldRevoked()).toBe(wasRevoked);
          before = await ip.snapshot();
          return;
        }
        expect(['ALTERED', 'INVALID_INPUT', 'NEWER_VERSION']).toContain(r.error.code);
        expect(r.error.message).toMatch(/^[A-Z][^\n]*\.$/);
        expect(r.error.message).not.toMatch(/at .*\.ts:|Error:|SQLITE/);
        // Refused: the old card is still trusted and no card was added.
        expect(await ip.snapshot()).toBe(before);
      }),
      { numRuns: Math.ceil(RUNS / 2), ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
  }, 300_000);
});
