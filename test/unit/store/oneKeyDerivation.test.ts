import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CaseStore, openReadOnly, storeKeyFor } from '../../../main/services/store/caseStore';
import { GOOD_PASSPHRASE, OTHER_PASSPHRASE, tempDir } from '../../helpers/tmp';
import path from 'node:path';

/**
 * Opening a store derives its page key once (PBKDF2, in storeKeyFor, the same step that checks the passphrase
 * against page 1); every SQLite handle then gets the derived key as raw key data, so SQLCipher does not run its
 * own PBKDF2 for the read-only look at the version and again for the read-write handle.
 */
describe('opening a store derives its key once', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives every handle the derived key, never the passphrase', () => {
    const dir = tempDir();
    const file = path.join(dir, 'once.cwstore');
    CaseStore.create(file, GOOD_PASSPHRASE, { actor: 'Zoë O’Brien-Łukasiewicz' }).lock();
    const given: string[] = [];
    const original = Database.prototype.key;
    vi.spyOn(Database.prototype, 'key').mockImplementation(function (this: Database.Database, k: Buffer) {
      given.push(Buffer.from(k).toString('latin1'));
      return original.call(this, k);
    });
    const store = CaseStore.open(file, GOOD_PASSPHRASE, { actor: 'test' });
    expect(store.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 0 });
    store.lock();
    // A read-only handle for the version check, then the read-write handle: both keyed with raw key data.
    expect(given.length).toBe(2);
    for (const k of given) {
      expect(k).toMatch(/^x'[0-9a-f]{96}'$/);
      expect(k).not.toContain(GOOD_PASSPHRASE);
    }
  });

  it('derives a key only for the right passphrase, and that key opens the file on its own', () => {
    const dir = tempDir();
    const file = path.join(dir, 'key.cwstore');
    CaseStore.create(file, GOOD_PASSPHRASE, { actor: 'test' }).lock();
    expect(storeKeyFor(file, OTHER_PASSPHRASE)).toBeNull();
    const key = storeKeyFor(file, GOOD_PASSPHRASE);
    expect(key?.raw.length).toBe(32);
    const db = openReadOnly(file, key!);
    expect((db.prepare('SELECT count(*) AS n FROM meta').get() as { n: number }).n).toBeGreaterThan(0);
    db.close();
  });
});
