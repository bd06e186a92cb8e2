import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseService } from '../../../main/services/cases/caseService';
import { UserError } from '../../../main/services/errors';
import { BUSY_MESSAGE, BUSY_TIMEOUT_MS, CaseStore, rekeyTempPath } from '../../../main/services/store/caseStore';
import { lockStore, storeLockPath } from '../../../main/services/store/storeLock';
import { verifyStore } from '../../../main/services/store/verify';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { GOOD_PASSPHRASE, OTHER_PASSPHRASE, tempDir } from '../../helpers/tmp';

/**
 * A second window or command that opens the store while the first is replacing it (a passphrase change or a
 * restore). Before the fix the opener deleted the change's half-made copy as a crash's leftover, and the change
 * then failed with "disk I/O error", "its folder is read-only" or "check that the folder exists" (found by
 * racing two processes on a store of 10 MB: 7 of 8 openings during a change did this).
 */
const actor = 'Test Officer';

function newStore() {
  const file = path.join(tempDir(), 'cases.cwstore');
  const store = CaseStore.create(file, GOOD_PASSPHRASE, { actor });
  const c = new CaseService(() => store.db, actor).create(buildDemoCase('2026-11-27'));
  return { file, store, caseId: c.id };
}

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected an error');
}

describe('opening a store while another window replaces it', () => {
  it('leaves the passphrase change alone: the opener waits, is told in one sentence, and the change completes', { timeout: 30_000 }, () => {
    const { file, store, caseId } = newStore();
    let during: UserError | null = null;
    store.changePassphrase(GOOD_PASSPHRASE, OTHER_PASSPHRASE, {
      beforeReplace: () => {
        expect(fs.existsSync(rekeyTempPath(file))).toBe(true);
        during = errorOf(() => CaseStore.open(file, GOOD_PASSPHRASE, { actor: 'Other Window' }));
        // The copy that is about to become the store is still there.
        expect(fs.existsSync(rekeyTempPath(file))).toBe(true);
      },
    });
    expect(during).toMatchObject({ code: 'BUSY', message: BUSY_MESSAGE });
    // The change went through, and the store works under the new passphrase.
    expect(new CaseService(() => store.db, actor).get(caseId).record.child.name).toBe('Kieran Nowak');
    store.lock();
    expect(errorOf(() => CaseStore.open(file, GOOD_PASSPHRASE, { actor })).code).toBe('WRONG_PASSPHRASE');
    const again = CaseStore.open(file, OTHER_PASSPHRASE, { actor });
    expect(verifyStore(again)).toEqual([]);
    again.lock();
  });

  it('a replace waits for an open in progress elsewhere and then says in one sentence that the store is in use', { timeout: 30_000 }, () => {
    const { file, store } = newStore();
    store.lock();
    const opener = CaseStore.open(file, GOOD_PASSPHRASE, { actor });
    // Another window in the middle of opening (it holds the lock beside the store while it opens).
    const other = lockStore(file, 'open', BUSY_TIMEOUT_MS);
    try {
      expect(errorOf(() => opener.changePassphrase(GOOD_PASSPHRASE, OTHER_PASSPHRASE))).toMatchObject({ code: 'BUSY', message: BUSY_MESSAGE });
    } finally {
      other.release();
    }
    // Nothing was changed, and the handle still works.
    expect(new CaseService(() => opener.db, actor).list()).toHaveLength(1);
    opener.changePassphrase(GOOD_PASSPHRASE, OTHER_PASSPHRASE);
    opener.lock();
    CaseStore.open(file, OTHER_PASSPHRASE, { actor }).lock();
  });

  it('the lock beside the store holds nothing and is private to its owner', () => {
    const { file, store } = newStore();
    store.changePassphrase(GOOD_PASSPHRASE, OTHER_PASSPHRASE);
    store.lock();
    const lock = storeLockPath(file);
    expect(fs.existsSync(lock)).toBe(true);
    if (process.platform !== 'win32') expect((fs.statSync(lock).mode & 0o777).toString(8)).toBe('600');
    const bytes = fs.readFileSync(lock);
    for (const needle of ['Kieran', 'Nowak', actor, 'DEMO']) expect(bytes.includes(Buffer.from(needle))).toBe(false);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['cases.cwstore', 'cases.cwstore.lock']);
  });
});
