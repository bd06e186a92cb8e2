import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseStore } from '../../../main/services/store/caseStore';
import { listAudit } from '../../../main/services/store/audit';
import { testSession } from '../../helpers/session';
import { GOOD_PASSPHRASE, OTHER_PASSPHRASE } from '../../helpers/tmp';

/**
 * A store whose first page is damaged does not open with any passphrase, and SQLCipher cannot say why: it looks
 * like a wrong passphrase. Before, the person was told to check the passphrase, for ever, and neither the app
 * nor the command line could restore a backup of a store that would not open. Now a passphrase that opens one
 * of the store's newest backups is recognised, the refusal says so, and that backup can be put in place, the
 * store file kept beside it.
 */
async function storeWithBackup() {
  const t = testSession();
  const file = path.join(t.dir, 'cases.cwstore');
  await t.call('store.create', { path: file, passphrase: GOOD_PASSPHRASE, ownerName: 'Test Officer', demo: true });
  const backup = await t.call('backup.create', {});
  // A change after the backup: the restore cannot bring it back, and says so.
  const id = (await t.call('cases.list', {}))[0]!.id;
  const got = await t.call('cases.get', { id });
  await t.call('cases.update', { id, revision: got.revision, record: { ...got.record, summary: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Written after the backup.' }] }] } } });
  await t.call('store.lock', {});
  return { ...t, file, backup };
}

/** A few bytes of page 1 overwritten, as a failing disk or a bad copy would. */
function damagePageOne(file: string) {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.from('damaged by a bad sector'), 0, 23, 1500);
  fs.closeSync(fd);
}

describe('a store that does not open, with a backup that does', () => {
  it('says the passphrase opens its backup, restores that backup in its place, and keeps the damaged file', async () => {
    const { file, backup, dispatch, call, dir } = await storeWithBackup();
    damagePageOne(file);
    const damaged = fs.readFileSync(file);

    const refused = await dispatch('store.open', { path: file, passphrase: GOOD_PASSPHRASE });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'WRONG_PASSPHRASE',
        message: expect.stringMatching(/^That passphrase does not open this case store, but it opens its backup of \d{1,2} \w+ \d{4} at \d\d:\d\d: either the passphrase was changed after that backup, or the store file is damaged\. If it is damaged, restore that backup; the store file as it is now is kept beside it, untouched\.$/),
        details: { recover: { name: backup.name, createdAt: backup.createdAt } },
      },
    });
    // A passphrase that opens nothing gets the plain sentence, with nothing to offer.
    const wrong = await dispatch('store.open', { path: file, passphrase: OTHER_PASSPHRASE });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE', message: 'That passphrase does not open this case store; check it and try again.' } });
    expect(wrong.ok === false && wrong.error.details).toBeFalsy();
    expect(await dispatch('backup.recover', { path: file, passphrase: OTHER_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE', message: expect.stringMatching(/opens neither this case store nor any of its newest backups/) } });
    // Nothing was changed by the refusals.
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);

    const status = await call('backup.recover', { path: file, passphrase: GOOD_PASSPHRASE });
    expect(status.notice).toMatch(/^Restored the backup of .+; changes made after it are not in the store\. The store file that would not open is kept beside it as cases-not-opening-\d{8}T\d{6}\.cwstore: /);
    const kept = path.join(dir, /as (cases-not-opening-\S+\.cwstore)/.exec(status.notice!)![1]!);
    expect(fs.readFileSync(kept).equals(damaged)).toBe(true);
    // The store is open, as the backup had it, and its log says what happened.
    const c = (await call('cases.list', {}))[0]!;
    expect(JSON.stringify((await call('cases.get', { id: c.id })).record.summary)).not.toContain('Written after the backup.');
    expect((await call('store.verify', {})).ok).toBe(true);
    await call('store.lock', {});
    const store = CaseStore.open(file, GOOD_PASSPHRASE, { actor: 't' });
    expect(listAudit(store.db).at(-1)).toMatchObject({ action: 'store.recover', detail: { from: backup.name, keptAs: path.basename(kept) } });
    store.lock();
    // A store that opens is not "recovered" over: the unlock screen only offers this for one that does not.
    expect(await dispatch('backup.recover', { path: file, passphrase: GOOD_PASSPHRASE })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^That passphrase opens this case store, so nothing needs restoring/) } });
  }, 60_000);

  it('keeps a store whose passphrase was changed after the backup, so the newer passphrase still opens it', async () => {
    const { file, call, dispatch } = await storeWithBackup();
    await call('store.open', { path: file, passphrase: GOOD_PASSPHRASE });
    await call('store.changePassphrase', { current: GOOD_PASSPHRASE, next: OTHER_PASSPHRASE });
    await call('store.lock', {});
    // The old passphrase: the store does not open with it, its backup does.
    const refused = await dispatch('store.open', { path: file, passphrase: GOOD_PASSPHRASE });
    expect(refused.ok === false && refused.error.details).toMatchObject({ recover: { name: expect.stringMatching(/-before-passphrase\.cwstore$/) } });
    const status = await call('backup.recover', { path: file, passphrase: GOOD_PASSPHRASE });
    const kept = path.join(path.dirname(file), /as (cases-not-opening-\S+\.cwstore)/.exec(status.notice!)![1]!);
    await call('store.lock', {});
    // Nothing lost: the newer store, kept beside, still opens with the newer passphrase and has the later change.
    const newer = CaseStore.open(kept, OTHER_PASSPHRASE, { actor: 't' });
    expect(JSON.stringify(newer.db.prepare('SELECT record FROM cases').all())).toContain('Written after the backup.');
    newer.lock();
  }, 60_000);

  it('offers the backup for a store file cut short, and refuses a store path with no file with the open’s sentence', async () => {
    const { file, dispatch, call } = await storeWithBackup();
    // A copy that stopped half way, or a disk that lost the end of the file.
    fs.truncateSync(file, 3000);
    const refused = await dispatch('store.open', { path: file, passphrase: GOOD_PASSPHRASE });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_STORE', message: expect.stringMatching(/^cases\.cwstore is no longer a whole case store \(it may have been cut short or damaged\), but that passphrase opens its backup of .+\. Restore that backup; the store file as it is now is kept beside it, untouched\.$/), details: { recover: expect.any(Object) } },
    });
    // With a passphrase that opens no backup, the open's own sentence, and nothing offered.
    const plain = await dispatch('store.open', { path: file, passphrase: OTHER_PASSPHRASE });
    expect(plain).toMatchObject({ ok: false, error: { code: 'NOT_A_STORE', message: 'cases.cwstore is not a Casewright case store; choose a .cwstore file.' } });
    expect(plain.ok === false && plain.error.details).toBeFalsy();
    await call('backup.recover', { path: file, passphrase: GOOD_PASSPHRASE });
    expect((await call('cases.list', {})).length).toBe(1);
    await call('store.lock', {});
    fs.rmSync(file);
    expect(await dispatch('backup.recover', { path: file, passphrase: GOOD_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/^There is no case store at .+; check the path, or create a new store\.$/) } });
  }, 60_000);
});

