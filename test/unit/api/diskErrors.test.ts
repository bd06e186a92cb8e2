import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CaseService } from '../../../main/services/cases/caseService';
import { GOOD_PASSPHRASE } from '../../helpers/tmp';
import { testSession } from '../../helpers/session';

/**
 * A disk that fails or goes away under a save (an unplugged USB stick, a network folder that dropped): SQLite
 * throws SQLITE_IOERR_*, which reached the person as "Casewright hit an unexpected problem (disk I/O error)".
 */
describe('a disk error during a save', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is one sentence naming the store and what to do, with nothing of SQLite in it', async () => {
    const { dir, dispatch, call } = testSession();
    await call('store.create', { path: path.join(dir, 'Zoë O’Brien-Łukasiewicz.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Nguyễn Thị Ánh', demo: true });
    const [c] = await call('cases.list', {});
    const full = await call('cases.get', { id: c!.id });
    vi.spyOn(CaseService.prototype, 'update').mockImplementation(() => {
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
    });
    const r = await dispatch('cases.update', { id: c!.id, revision: full.revision, record: { ...full.record, teamComplainedAbout: 'Żaneta Şahin' } });
    expect(r).toEqual({
      ok: false,
      error: { code: 'DISK_ERROR', message: 'Casewright could not read or write Zoë O’Brien-Łukasiewicz.cwstore on its disk, so the last change was not saved; check that the disk is connected and working, then try again.' },
    });
    vi.restoreAllMocks();
    // Nothing was half-saved: the case is as it was, and the store verifies.
    expect((await call('cases.get', { id: c!.id })).revision).toBe(full.revision);
    expect(await call('store.verify', {})).toMatchObject({ ok: true, problems: [] });
  });
});
