import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { CaseService } from '../../../main/services/cases/caseService';
import { listAudit, verifyAuditChain } from '../../../main/services/store/audit';
import { auditKeyOf, stageAuditKeyRewrap } from '../../../main/services/store/auditKey';
import { CIPHER_SETTINGS, CaseStore } from '../../../main/services/store/caseStore';
import { migrate } from '../../../main/services/store/migrations';
import { GOOD_PASSPHRASE, OTHER_PASSPHRASE, tempDir } from '../../helpers/tmp';

const actor = 'Test Officer';

function raw(file: string, passphrase: string): Database.Database {
  const db = new Database(file);
  db.pragma(`cipher = '${CIPHER_SETTINGS.cipher}'`);
  db.pragma(`legacy = ${CIPHER_SETTINGS.legacy}`);
  db.pragma(`kdf_iter = ${CIPHER_SETTINGS.kdfIter}`);
  db.key(Buffer.from(passphrase, 'utf8'));
  return db;
}

function storeWithCase() {
  const file = path.join(tempDir(), 'cases.cwstore');
  const store = CaseStore.create(file, GOOD_PASSPHRASE, { actor });
  new CaseService(() => store.db, actor).create(buildDemoCase('2026-11-27'));
  return { file, store };
}

describe('the audit key', () => {
  it('is kept only wrapped under the passphrase, never in the clear', () => {
    const { file, store } = storeWithCase();
    const wrapped = store.meta('audit_key');
    expect(JSON.parse(wrapped!)).toMatchObject({ v: 1, keyedFrom: 1, N: 32768, r: 8, p: 1 });
    expect(listAudit(store.db)[0]).toMatchObject({ seq: 1, action: 'store.create' });
    const key = auditKeyOf(store.db)!.key;
    const everything = JSON.stringify(store.db.prepare('SELECT * FROM meta').all()) + JSON.stringify(listAudit(store.db));
    expect(everything).not.toContain(key.toString('hex'));
    expect(everything).not.toContain(key.toString('base64'));
    store.lock();
    expect(fs.readFileSync(file).includes(key)).toBe(false);
  });

  it('stays the same across a passphrase change, so the whole log still verifies', () => {
    const { file, store } = storeWithCase();
    const before = store.meta('audit_key');
    store.changePassphrase(GOOD_PASSPHRASE, OTHER_PASSPHRASE);
    expect(store.meta('audit_key')).not.toBe(before);
    expect(store.meta('audit_key_next')).toBeNull();
    store.lock();
    const again = CaseStore.open(file, OTHER_PASSPHRASE, { actor });
    expect(verifyAuditChain(again.db)).toEqual([]);
    expect(listAudit(again.db).map((r) => r.action)).toEqual(['store.create', 'case.create', 'store.passphrase']);
    again.lock();
  });

  it('survives a passphrase change stopped after the rekey, before the new wrap was promoted', () => {
    const { file, store } = storeWithCase();
    stageAuditKeyRewrap(store.db, OTHER_PASSPHRASE);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.db.pragma('journal_mode = DELETE');
    store.db.rekey(Buffer.from(OTHER_PASSPHRASE, 'utf8'));
    store.lock();
    const again = CaseStore.open(file, OTHER_PASSPHRASE, { actor });
    expect(again.meta('audit_key_next')).toBeNull();
    new CaseService(() => again.db, actor).create({ ...buildDemoCase('2026-11-27'), reference: 'AFTER-CRASH' });
    expect(verifyAuditChain(again.db)).toEqual([]);
    again.lock();
  });

  it('survives a passphrase change stopped before the rekey: the old passphrase still unlocks it', () => {
    const { file, store } = storeWithCase();
    stageAuditKeyRewrap(store.db, OTHER_PASSPHRASE);
    store.lock();
    const again = CaseStore.open(file, GOOD_PASSPHRASE, { actor });
    expect(again.meta('audit_key_next')).toBeNull();
    expect(verifyAuditChain(again.db)).toEqual([]);
    again.lock();
  });

  it('when damaged, leaves the store readable, refuses changes with a sentence and verify says why', () => {
    const { file, store } = storeWithCase();
    store.lock();
    const db = raw(file, GOOD_PASSPHRASE);
    const w = JSON.parse((db.prepare("SELECT value FROM meta WHERE key = 'audit_key'").get() as { value: string }).value) as { keyedFrom: number };
    // Moving where the keyed part begins (to check keyed entries by the unkeyed rule) breaks the wrap too.
    db.prepare("UPDATE meta SET value = ? WHERE key = 'audit_key'").run(JSON.stringify({ ...w, keyedFrom: 99 }));
    db.close();
    const again = CaseStore.open(file, GOOD_PASSPHRASE, { actor });
    const cases = new CaseService(() => again.db, actor);
    expect(cases.list()).toHaveLength(1);
    expect(() => cases.create({ ...buildDemoCase('2026-11-27'), reference: 'NEW-1' })).toThrow(
      'Nothing can be changed in this store because its audit log’s key cannot be unlocked; run "Check the store" and restore it from a backup.',
    );
    expect(verifyAuditChain(again.db)).toEqual(['The audit log’s key cannot be unlocked with this passphrase, so its newer entries cannot be checked.']);
    again.lock();
  });

  it('is not made afresh when it has been removed from a store that has keyed entries', () => {
    const { file, store } = storeWithCase();
    store.lock();
    const db = raw(file, GOOD_PASSPHRASE);
    db.prepare("DELETE FROM meta WHERE key = 'audit_key'").run();
    db.close();
    const again = CaseStore.open(file, GOOD_PASSPHRASE, { actor });
    expect(again.meta('audit_key')).toBeNull();
    expect(verifyAuditChain(again.db)).toContain('The audit log’s key cannot be unlocked with this passphrase, so its newer entries cannot be checked.');
    again.lock();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('is made on the next open when a 0.1.0 store was migrated but stopped before its key was made', () => {
    const fixtures = path.resolve(import.meta.dirname, '../../fixtures/stores');
    const facts = JSON.parse(fs.readFileSync(path.join(fixtures, 'v0.1.0.json'), 'utf8')) as { passphrase: string };
    const file = path.join(tempDir(), 'old.cwstore');
    fs.copyFileSync(path.join(fixtures, 'v0.1.0.cwstore'), file);
    const db = raw(file, facts.passphrase);
    migrate(db);
    db.close();
    const store = CaseStore.open(file, facts.passphrase, { actor });
    expect(store.meta('audit_key')).not.toBeNull();
    expect(listAudit(store.db).at(-1)).toMatchObject({ action: 'store.migrate', detail: { applied: [] } });
    expect(verifyAuditChain(store.db)).toEqual([]);
    store.lock();
  });
});
