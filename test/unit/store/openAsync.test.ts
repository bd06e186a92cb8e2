import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Counts every key derivation the store code asks node:crypto for (the real functions still run).
const calls = vi.hoisted(() => ({ pbkdf2: [] as number[], pbkdf2Sync: [] as number[], scrypt: 0, scryptSync: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    pbkdf2: ((...a: Parameters<typeof real.pbkdf2>) => (calls.pbkdf2.push(a[2]), real.pbkdf2(...a))) as typeof real.pbkdf2,
    pbkdf2Sync: ((...a: Parameters<typeof real.pbkdf2Sync>) => (calls.pbkdf2Sync.push(a[2]), real.pbkdf2Sync(...a))) as typeof real.pbkdf2Sync,
    scrypt: ((...a: Parameters<typeof real.scrypt>) => (calls.scrypt++, (real.scrypt as (...x: unknown[]) => void)(...a))) as typeof real.scrypt,
    scryptSync: ((...a: Parameters<typeof real.scryptSync>) => (calls.scryptSync++, real.scryptSync(...a))) as typeof real.scryptSync,
  };
});

const { CaseStore } = await import('../../../main/services/store/caseStore');
const { auditKeyOf } = await import('../../../main/services/store/auditKey');
const { startStoreKey } = await import('../../../main/services/store/earlyKey');
const { appendAudit, verifyAuditChain } = await import('../../../main/services/store/audit');
const { GOOD_PASSPHRASE, OTHER_PASSPHRASE, tempDir } = await import('../../helpers/tmp');

const reset = () => {
  calls.pbkdf2.length = 0;
  calls.pbkdf2Sync.length = 0;
  calls.scrypt = 0;
  calls.scryptSync = 0;
};

/**
 * Issue 15: the app and the command line open a store with both key derivations on libuv's thread pool. Still
 * one PBKDF2 (256,000 rounds) and one scrypt per open, every handle keyed with the derived key, the same audit
 * key as the synchronous open; and the calling thread is free while they run.
 */
describe('opening a store without blocking the thread', () => {
  let file: string;
  beforeEach(() => {
    file = path.join(tempDir(), 'Zoë O’Brien-Łukasiewicz.cwstore');
    const s = CaseStore.create(file, GOOD_PASSPHRASE, { actor: 'Nguyễn Thị Ánh' });
    appendAudit(s.db, { actor: 'İlkay Yılmaz', action: 'test.entry', entity: 'store', entityId: null, detail: { note: "Γιώργος O'Neill" } });
    s.lock();
    reset();
  });
  afterEach(() => vi.restoreAllMocks());

  it('derives each key once, off the thread, and keys every handle with the derived key', async () => {
    const given: string[] = [];
    const original = Database.prototype.key;
    vi.spyOn(Database.prototype, 'key').mockImplementation(function (this: Database.Database, k: Buffer) {
      given.push(Buffer.from(k).toString('latin1'));
      return original.call(this, k);
    });
    const store = await CaseStore.openAsync(file, GOOD_PASSPHRASE, { actor: 'test' });
    // One PBKDF2 of 256,000 rounds, on the thread pool; the two-round one for page 1's HMAC key is the only sync one.
    expect(calls.pbkdf2).toEqual([256000]);
    expect(calls.pbkdf2Sync).toEqual([2]);
    expect([calls.scrypt, calls.scryptSync]).toEqual([1, 0]);
    expect(given.length).toBeGreaterThanOrEqual(2);
    for (const k of given) expect(k).toMatch(/^x'[0-9a-f]{96}'$/);
    // The audit key is unlocked: the chain verifies and a new entry can be written.
    expect(auditKeyOf(store.db)).toBeTruthy();
    appendAudit(store.db, { actor: 'test', action: 'test.after', entity: 'store', entityId: null, detail: {} });
    expect(verifyAuditChain(store.db)).toEqual([]);
    store.lock();
  });

  it('unlocks the same audit key as the synchronous open', async () => {
    const a = CaseStore.open(file, GOOD_PASSPHRASE, { actor: 'test' });
    const syncKey = Buffer.from(auditKeyOf(a.db)!.key);
    a.lock();
    const b = await CaseStore.openAsync(file, GOOD_PASSPHRASE, { actor: 'test' });
    expect(Buffer.from(auditKeyOf(b.db)!.key).equals(syncKey)).toBe(true);
    b.lock();
  });

  it('leaves the thread free while the keys are derived', async () => {
    const order: string[] = [];
    const opening = CaseStore.openAsync(file, GOOD_PASSPHRASE, { actor: 'test' }).then((s) => (order.push('opened'), s));
    setImmediate(() => order.push('other work'));
    const store = await opening;
    expect(order).toEqual(['other work', 'opened']);
    store.lock();
  });

  it('refuses a wrong passphrase in one sentence and changes nothing on disk', async () => {
    const before = fs.readFileSync(file);
    await expect(CaseStore.openAsync(file, OTHER_PASSPHRASE, { actor: 'test' })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
      message: 'That passphrase does not open this case store; check it and try again.',
    });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(calls.scrypt + calls.scryptSync).toBe(0);
  });

  it('takes the key the command line started deriving early, and still derives it only once', async () => {
    startStoreKey(file, GOOD_PASSPHRASE);
    expect(calls.pbkdf2).toEqual([256000]);
    const store = await CaseStore.openAsync(file, GOOD_PASSPHRASE, { actor: 'test' });
    expect(calls.pbkdf2).toEqual([256000]);
    expect(auditKeyOf(store.db)).toBeTruthy();
    store.lock();
  });

  it('ignores a key started early with another passphrase, and refuses nothing because of it', async () => {
    startStoreKey(file, OTHER_PASSPHRASE);
    const store = await CaseStore.openAsync(file, GOOD_PASSPHRASE, { actor: 'test' });
    expect(calls.pbkdf2).toEqual([256000, 256000]);
    store.lock();
    // …and a key started early with the right passphrase but taken by nobody is not used for a wrong one.
    startStoreKey(file, GOOD_PASSPHRASE);
    await expect(CaseStore.openAsync(file, OTHER_PASSPHRASE, { actor: 'test' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });

  it('says what a file that is not a store is, before deriving anything', async () => {
    const other = path.join(path.dirname(file), 'notes.cwstore');
    fs.writeFileSync(other, 'Łucja’s notes\n'.repeat(1000));
    await expect(CaseStore.openAsync(other, GOOD_PASSPHRASE, { actor: 'test' })).rejects.toMatchObject({ code: 'NOT_A_STORE' });
    expect(calls.pbkdf2.length + calls.pbkdf2Sync.length).toBe(0);
  });
});
