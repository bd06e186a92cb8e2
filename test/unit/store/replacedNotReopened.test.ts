import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CaseStore } from '../../../main/services/store/caseStore';
import { GOOD_PASSPHRASE, OTHER_PASSPHRASE } from '../../helpers/tmp';
import { testSession } from '../../helpers/session';

/**
 * A passphrase change whose new file is in place but cannot be opened again at once (the disk filled up in
 * between, say): the person was told "The disk is full, so nothing was saved", and a remembered passphrase (now
 * the old one) was kept, although the store had the new passphrase from then on.
 */
describe('a passphrase change that is done but cannot reopen the store', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says the passphrase was changed and to unlock with the new one, and forgets the remembered old one', async () => {
    const { dir, dispatch, call, session } = testSession();
    const file = path.join(dir, 'Ödön Kowalczyk-Nguyễn.cwstore');
    await call('store.create', { path: file, passphrase: GOOD_PASSPHRASE, ownerName: 'Ödön Kowalczyk', demo: true });
    session.updateSettings({ remembered: { [file]: 'keychain ciphertext of the old passphrase' } });
    vi.spyOn(CaseStore.prototype as unknown as { reopen: (p: string) => void }, 'reopen').mockImplementation(() => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    const r = await dispatch('store.changePassphrase', { current: GOOD_PASSPHRASE, next: OTHER_PASSPHRASE });
    expect(r).toEqual({ ok: false, error: { code: 'LOCKED', message: 'The passphrase was changed, but Casewright could not open the store again; unlock it with the new passphrase.' } });
    vi.restoreAllMocks();
    expect(session.isOpen).toBe(false);
    expect(session.settings().remembered).toEqual({});
    expect(await dispatch('store.open', { path: file, passphrase: GOOD_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    expect(await dispatch('store.open', { path: file, passphrase: OTHER_PASSPHRASE })).toMatchObject({ ok: true });
    expect(await call('store.verify', {})).toMatchObject({ ok: true, problems: [] });
  });
});
