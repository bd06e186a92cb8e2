import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/handlers';
import { memorySettings, type Platform } from '../../../main/services/platform';
import { Session } from '../../../main/services/session/session';
import { BUSY_MESSAGE, applyCipher, openDatabase } from '../../../main/services/store/caseStore';
import { GOOD_PASSPHRASE, OTHER_PASSPHRASE, tempDir } from '../../helpers/tmp';

async function openSession() {
  const dir = tempDir();
  const platform: Platform = {
    actor: 'Test Officer',
    appVersion: 'test',
    settings: memorySettings(),
    vault: null,
    chooseStorePath: async () => null,
    // Stands in for a person who chose this file in the app's dialog.
    allowsPath: () => true,
    chooseSavePath: async (name) => path.join(dir, name),
    chooseFolder: async () => dir,
    emit: () => {},
    today: () => '2026-11-25',
  };
  const session = new Session(platform);
  const dispatch = createDispatcher(session);
  const store = path.join(dir, 'cases.cwstore');
  expect((await dispatch('store.create', { path: store, passphrase: GOOD_PASSPHRASE, ownerName: 'Test Officer', demo: true })).ok).toBe(true);
  return { dispatch, store, session };
}

/** Another Casewright process in the middle of a long write: a second connection holding the write lock. */
function otherWriter(store: string) {
  const other = openDatabase(store, { fileMustExist: true });
  applyCipher(other, GOOD_PASSPHRASE);
  other.exec('BEGIN IMMEDIATE');
  return { release: () => (other.exec('ROLLBACK'), other.close()), close: () => other.close() };
}

describe('two Casewright processes on one store', () => {
  it('a write during another process\'s long write waits, then says in one sentence what to do', async () => {
    const { dispatch, store, session } = await openSession();
    const [c] = session.cases().list();
    const json = (await dispatch('cases.exportJson', { id: c!.id })) as { ok: true; data: { json: string } };
    const other = otherWriter(store);
    const file = JSON.parse(json.data.json) as { case: { reference: string } };
    file.case.reference = 'OTHER-1';
    expect(await dispatch('cases.importJson', { json: JSON.stringify(file) })).toEqual({ ok: false, error: { code: 'BUSY', message: BUSY_MESSAGE } });
    other.release();
    expect((await dispatch('cases.importJson', { json: JSON.stringify(file) })).ok).toBe(true);
    session.lock('user');
  });

  it('a passphrase change while another process has the store open is refused in one sentence', async () => {
    const { dispatch, store, session } = await openSession();
    const other = openDatabase(store, { fileMustExist: true });
    applyCipher(other, GOOD_PASSPHRASE);
    other.prepare('SELECT count(*) FROM cases').get();
    expect(await dispatch('store.changePassphrase', { current: GOOD_PASSPHRASE, next: OTHER_PASSPHRASE })).toEqual({ ok: false, error: { code: 'BUSY', message: BUSY_MESSAGE } });
    other.close();
    expect(await dispatch('store.changePassphrase', { current: GOOD_PASSPHRASE, next: OTHER_PASSPHRASE })).toEqual({ ok: true, data: { changed: true } });
    expect((await dispatch('cases.list', {})).ok).toBe(true);
    session.lock('user');
  });
});
