import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { CaseService } from '../../../main/services/cases/caseService';
import { UserError } from '../../../main/services/errors';
import { verifyAuditChain } from '../../../main/services/store/audit';
import { CaseStore, describeStoreError } from '../../../main/services/store/caseStore';
import { LATEST_VERSION } from '../../../main/services/store/migrations';
import { GOOD_PASSPHRASE, OTHER_PASSPHRASE, storeFiles, tempDir } from '../../helpers/tmp';

const actor = 'Test Officer';

function expectUserError(fn: () => unknown, code: string, text?: RegExp): UserError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).code).toBe(code);
    if (text) expect((e as UserError).message).toMatch(text);
    return e as UserError;
  }
  throw new Error(`expected a ${code} error`);
}

function fileBytes(p: string): Buffer[] {
  return storeFiles(p).map((f) => fs.readFileSync(f));
}

describe('the encrypted case store', () => {
  it('keeps what was written and gives it back only with the right passphrase', () => {
    const file = path.join(tempDir(), 'cases.cwstore');
    const store = CaseStore.create(file, GOOD_PASSPHRASE, { actor });
    const created = new CaseService(() => store.db, actor).create(buildDemoCase('2026-11-27'));
    store.lock();

    expectUserError(() => CaseStore.open(file, OTHER_PASSPHRASE, { actor }), 'WRONG_PASSPHRASE', /passphrase does not open this case store/);

    const again = CaseStore.open(file, GOOD_PASSPHRASE, { actor });
    const found = new CaseService(() => again.db, actor).get(created.id);
    expect(found.record.child.name).toBe('Kieran Nowak');
    expect(found.record.complainants[0]?.name).toBe('Zoë Ó Súilleabháin-Nowak');
    again.lock();
  });

  it('writes none of the plaintext into the store, its WAL or its journal', () => {
    const file = path.join(tempDir(), 'cases.cwstore');
    const store = CaseStore.create(file, GOOD_PASSPHRASE, { actor });
    const cases = new CaseService(() => store.db, actor);
    const demo = buildDemoCase('2026-11-27');
    const secretNote = 'Kieran disclosed the unique marker phrase ZEBRA-QUOKKA-4471 at school';
    const c = cases.create({ ...demo, summary: secretNote });
    cases.update(c.id, c.revision, { ...demo, summary: `${secretNote} (amended)` });
    // Check while open (WAL present and not yet checkpointed) and after closing.
    const needles = ['Kieran Nowak', 'Zoë', 'Súilleabháin', 'ZEBRA-QUOKKA-4471', 'Harrowfield', 'CREATE TABLE', 'SQLite format 3'];
    const scan = () => {
      const blobs = fileBytes(file);
      expect(blobs.length).toBeGreaterThan(0);
      for (const b of blobs) {
        for (const n of needles) {
          expect(b.includes(Buffer.from(n, 'utf8')), `found "${n}"`).toBe(false);
          expect(b.includes(Buffer.from(n, 'utf16le')), `found "${n}" (UTF-16)`).toBe(false);
        }
      }
    };
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    scan();
    store.lock();
    scan();
  });

  it('changes nothing on disk when the passphrase is wrong', () => {
    const file = path.join(tempDir(), 'cases.cwstore');
    CaseStore.create(file, GOOD_PASSPHRASE, { actor }).lock();
    const before = storeFiles(file).map((f) => [f, fs.readFileSync(f).toString('hex')]);
    expectUserError(() => CaseStore.open(file, OTHER_PASSPHRASE, { actor }), 'WRONG_PASSPHRASE');
    const after = storeFiles(file).map((f) => [f, fs.readFileSync(f).toString('hex')]);
    expect(after).toEqual(before);
  });

  it('refuses short or guessable passphrases with a reason', () => {
    const dir = tempDir();
    expectUserError(() => CaseStore.create(path.join(dir, 'a.cwstore'), 'short', { actor }), 'WEAK_PASSPHRASE', /at least 12 characters/);
    expectUserError(() => CaseStore.create(path.join(dir, 'a.cwstore'), 'aaaaaaaaaaaaaaa', { actor }), 'WEAK_PASSPHRASE', /too few different/);
    expectUserError(() => CaseStore.create(path.join(dir, 'a.cwstore'), 'Password123!!', { actor }), 'WEAK_PASSPHRASE', /well-known/);
    expectUserError(() => CaseStore.create(path.join(dir, 'a.cwstore'), 'qwertyuiopas', { actor }), 'WEAK_PASSPHRASE', /run of keys/);
    expect(fs.existsSync(path.join(dir, 'a.cwstore'))).toBe(false);
  });

  it('says when a file is not a case store at all', () => {
    const dir = tempDir();
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'just some notes');
    expectUserError(() => CaseStore.open(text, GOOD_PASSPHRASE, { actor }), 'NOT_A_STORE', /not a Casewright case store/);
    const plain = path.join(dir, 'plain.db');
    const db = new Database(plain);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expectUserError(() => CaseStore.open(plain, GOOD_PASSPHRASE, { actor }), 'NOT_A_STORE', /unencrypted SQLite/);
    expectUserError(() => CaseStore.open(path.join(dir, 'missing.cwstore'), GOOD_PASSPHRASE, { actor }), 'NOT_FOUND', /no case store/);
    expectUserError(() => CaseStore.open(dir, GOOD_PASSPHRASE, { actor }), 'NOT_A_STORE', /folder/);
  });

  it('refuses a store written by a newer version without touching it', () => {
    const file = path.join(tempDir(), 'cases.cwstore');
    const store = CaseStore.create(file, GOOD_PASSPHRASE, { actor });
    store.db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    store.lock();
    const before = fs.readFileSync(file).toString('hex');
    expectUserError(() => CaseStore.open(file, GOOD_PASSPHRASE, { actor }), 'NEWER_VERSION', /newer version of Casewright/);
    expect(fs.readFileSync(file).toString('hex')).toBe(before);
  });

  it('refuses to create over an existing file or in a missing folder', () => {
    const dir = tempDir();
    const file = path.join(dir, 'cases.cwstore');
    fs.writeFileSync(file, 'x');
    expectUserError(() => CaseStore.create(file, GOOD_PASSPHRASE, { actor }), 'EXISTS', /already exists/);
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
    expectUserError(() => CaseStore.create(path.join(dir, 'nope', 'c.cwstore'), GOOD_PASSPHRASE, { actor }), 'NOT_FOUND', /does not exist/);
  });

  it('maps a full disk and a read-only location to plain sentences', () => {
    expect(describeStoreError(Object.assign(new Error('disk I/O'), { code: 'SQLITE_FULL' }), '/x/c.cwstore').message).toMatch(/disk is full, so nothing was saved/);
    expect(describeStoreError(Object.assign(new Error('ro'), { code: 'SQLITE_READONLY' }), '/x/c.cwstore').code).toBe('READ_ONLY');
    expect(describeStoreError(Object.assign(new Error('ro'), { code: 'EROFS' }), '/x/c.cwstore').message).toMatch(/read-only/);
  });

  it('changes the passphrase: the old one stops working, the new one opens it', () => {
    const file = path.join(tempDir(), 'cases.cwstore');
    const store = CaseStore.create(file, GOOD_PASSPHRASE, { actor });
    new CaseService(() => store.db, actor).create(buildDemoCase('2026-11-27'));
    expectUserError(() => store.changePassphrase('not the current one', OTHER_PASSPHRASE), 'WRONG_PASSPHRASE');
    expectUserError(() => store.changePassphrase(GOOD_PASSPHRASE, 'short'), 'WEAK_PASSPHRASE');
    store.changePassphrase(GOOD_PASSPHRASE, OTHER_PASSPHRASE);
    store.lock();
    expectUserError(() => CaseStore.open(file, GOOD_PASSPHRASE, { actor }), 'WRONG_PASSPHRASE');
    const again = CaseStore.open(file, OTHER_PASSPHRASE, { actor });
    expect(new CaseService(() => again.db, actor).list()).toHaveLength(1);
    expect(verifyAuditChain(again.db)).toEqual([]);
    again.lock();
  });

  it('once locked, refuses every read', () => {
    const file = path.join(tempDir(), 'cases.cwstore');
    const store = CaseStore.create(file, GOOD_PASSPHRASE, { actor });
    store.lock();
    expect(store.isOpen).toBe(false);
    expectUserError(() => store.db, 'LOCKED', /locked/);
  });

  it('accepts the same passphrase typed with composed or decomposed accents', () => {
    const file = path.join(tempDir(), 'cases.cwstore');
    const composed = 'crème brûlée at Zoë’s house';
    CaseStore.create(file, composed, { actor }).lock();
    CaseStore.open(file, composed.normalize('NFD'), { actor }).lock();
  });
});
