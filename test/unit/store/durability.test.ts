import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseService } from '../../../main/services/cases/caseService';
import { UserError } from '../../../main/services/errors';
import { verifyAuditChain } from '../../../main/services/store/audit';
import { BUSY_MESSAGE, CaseStore, describeStoreError, RECOVERED_NOTICE, openDatabase, openReadOnly, applyCipher, rekeyTempPath } from '../../../main/services/store/caseStore';
import { verifyStore } from '../../../main/services/store/verify';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { GOOD_PASSPHRASE, OTHER_PASSPHRASE, storeFiles, tempDir } from '../../helpers/tmp';

const actor = 'Test Officer';
const HOT_JOURNAL = path.resolve('test/crash/hotJournal.ts');

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

const snapshot = (file: string) => storeFiles(file).map((f) => [path.basename(f), fs.readFileSync(f).toString('hex')]);

describe('a store after a crash', () => {
  it('finishes an interrupted save (a hot journal) on open and says so; a wrong passphrase changes nothing', () => {
    const { file, store, caseId } = newStore();
    store.lock();
    const r = spawnSync(process.execPath, ['--import', 'tsx', HOT_JOURNAL, file], { env: { ...process.env, CW_PASS: GOOD_PASSPHRASE } });
    expect(r.signal).toBe('SIGKILL');
    expect(fs.statSync(`${file}-journal`).size).toBeGreaterThan(0);

    const before = snapshot(file);
    const wrong = errorOf(() => CaseStore.open(file, OTHER_PASSPHRASE, { actor }));
    expect(wrong.code).toBe('WRONG_PASSPHRASE');
    expect(snapshot(file)).toEqual(before);

    const again = CaseStore.open(file, GOOD_PASSPHRASE, { actor });
    expect(again.notice).toBe(RECOVERED_NOTICE);
    expect(fs.existsSync(`${file}-journal`)).toBe(false);
    expect(verifyStore(again)).toEqual([]);
    expect(again.meta('created_by')).toBe(actor);
    expect(new CaseService(() => again.db, actor).get(caseId).record.child.name).toBe('Kieran Nowak');
    again.lock();
    expect(CaseStore.open(file, GOOD_PASSPHRASE, { actor }).notice).toBeNull();
  });

  it('never advises copying the store file on its own', () => {
    for (const code of ['SQLITE_READONLY', 'SQLITE_READONLY_ROLLBACK', 'SQLITE_READONLY_RECOVERY', 'EACCES']) {
      const e = describeStoreError(Object.assign(new Error('ro'), { code }), '/x/cases.cwstore');
      expect(e.code).toBe('READ_ONLY');
      expect(e.message).not.toMatch(/copy/i);
    }
    expect(describeStoreError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), '/x/cases.cwstore').message).toBe(BUSY_MESSAGE);
  });

  it('says what a disk error or a store moved while open means, in one sentence without SQLite\'s words', () => {
    // A change whose copy was taken away met these (a raced open before the lock beside the store), and a disk
    // that fails or is unplugged gives the first: they were shown as "Something went wrong …: disk I/O error."
    // and as a folder that is read-only.
    for (const code of ['SQLITE_IOERR', 'SQLITE_IOERR_DELETE_NOENT', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'EIO']) {
      const e = describeStoreError(Object.assign(new Error('disk I/O error'), { code }), '/x/cases.cwstore');
      expect(e.code).toBe('DISK_ERROR');
      expect(e.message).toBe('Casewright could not read or write cases.cwstore on its disk, so the last change was not saved; check that the disk is connected and working, then try again.');
    }
    const moved = describeStoreError(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY_DBMOVED' }), '/x/cases.cwstore');
    expect(moved.code).toBe('BUSY');
    expect(moved.message).toBe('cases.cwstore was moved or replaced while Casewright had it open, so the last change was not saved; open the store again.');
    expect(moved.message).not.toMatch(/read-only|copy/i);
  });
});

describe('durability settings', () => {
  it('keeps SQLite\'s temporary tables and sorts in memory on every handle, not only the session\'s', () => {
    // The build's default is temporary files on disk (TEMP_STORE=1), outside the cipher's guarantees. The copy a
    // restore migrates, a passphrase change's copy, the read-only checks and the hot-journal rollback are
    // handles of their own; each is keyed through applyCipher.
    const { file, store } = newStore();
    store.lock();
    const db = openDatabase(file, { readonly: true, fileMustExist: true });
    applyCipher(db, GOOD_PASSPHRASE);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    db.close();
    const ro = openReadOnly(file, GOOD_PASSPHRASE);
    expect(ro.pragma('temp_store', { simple: true })).toBe(2);
    ro.close();
  });

  it('syncs every commit fully and keeps the store private to its owner', () => {
    const { file, store } = newStore();
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    if (process.platform !== 'win32') {
      for (const f of storeFiles(file)) expect([path.basename(f), (fs.statSync(f).mode & 0o777).toString(8)]).toEqual([path.basename(f), '600']);
      expect(storeFiles(file).map((f) => path.basename(f))).toEqual(['cases.cwstore', 'cases.cwstore-wal', 'cases.cwstore-shm']);
    }
    store.lock();
  });
});

describe('changing the passphrase', () => {
  it('replaces the store with a re-encrypted copy and keeps working on the new file', () => {
    const { file, store, caseId } = newStore();
    const cases = new CaseService(() => store.db, actor);
    const wrong = errorOf(() => store.changePassphrase('not the current one at all', OTHER_PASSPHRASE));
    expect(wrong.code).toBe('WRONG_PASSPHRASE');
    // The handle still works after a refused change.
    const c1 = cases.get(caseId);
    cases.update(caseId, c1.revision, { ...c1.record, teamComplainedAbout: 'before the change' });
    const inode = fs.statSync(file).ino;
    store.changePassphrase(GOOD_PASSPHRASE, OTHER_PASSPHRASE);
    if (process.platform !== 'win32') {
      expect(fs.statSync(file).ino).not.toBe(inode);
      expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    }
    expect(fs.existsSync(rekeyTempPath(file))).toBe(false);
    // Writes after the change land in the new file, under the new passphrase.
    const c2 = cases.get(caseId);
    expect(c2.record.teamComplainedAbout).toBe('before the change');
    cases.update(caseId, c2.revision, { ...c2.record, teamComplainedAbout: 'after the change' });
    store.lock();
    expect(errorOf(() => CaseStore.open(file, GOOD_PASSPHRASE, { actor })).code).toBe('WRONG_PASSPHRASE');
    const again = CaseStore.open(file, OTHER_PASSPHRASE, { actor });
    expect(new CaseService(() => again.db, actor).get(caseId).record.teamComplainedAbout).toBe('after the change');
    expect(verifyAuditChain(again.db)).toEqual([]);
    expect(again.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'store.passphrase'").get()).toEqual({ n: 1 });
    again.lock();
  });

  it('is refused in one sentence while another window or command has the store open, and changes nothing', () => {
    const { file, store } = newStore();
    const other = openDatabase(file, { fileMustExist: true });
    applyCipher(other, GOOD_PASSPHRASE);
    other.prepare('SELECT count(*) FROM cases').get();
    const e = errorOf(() => store.changePassphrase(GOOD_PASSPHRASE, OTHER_PASSPHRASE));
    expect(e.code).toBe('BUSY');
    expect(e.message).toBe(BUSY_MESSAGE);
    other.close();
    expect(new CaseService(() => store.db, actor).list()).toHaveLength(1);
    store.lock();
    CaseStore.open(file, GOOD_PASSPHRASE, { actor }).lock();
  });

  it('clears a half-written copy left by a crash the next time the store opens', () => {
    const { file, store } = newStore();
    store.lock();
    fs.writeFileSync(rekeyTempPath(file), 'half a copy');
    CaseStore.open(file, GOOD_PASSPHRASE, { actor }).lock();
    expect(fs.existsSync(rekeyTempPath(file))).toBe(false);
  });
});
