import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/handlers';
import { memorySettings, type Platform } from '../../../main/services/platform';
import { Session } from '../../../main/services/session/session';
import { CaseStore } from '../../../main/services/store/caseStore';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';

/** Defects a review of the merged store, audit and backup work found; each test failed before its fix. */
const HOT_JOURNAL = path.resolve('test/crash/hotJournal.ts');

function session(allowed: (p: string) => boolean) {
  const platform: Platform = {
    actor: 'Test Officer', appVersion: 'test', settings: memorySettings(), vault: null,
    chooseStorePath: async () => null, allowsPath: allowed,
    chooseSavePath: async () => null, chooseFolder: async () => null, emit: () => {}, today: () => '2026-11-25',
  };
  const s = new Session(platform);
  return { s, dispatch: createDispatcher(s) };
}

describe('after the merges', () => {
  it('opening a store that was interrupted mid-save answers with the open status and the notice, not the notice alone', async () => {
    const file = path.join(tempDir(), 'cases.cwstore');
    CaseStore.create(file, GOOD_PASSPHRASE, { actor: 'Test Officer' }).lock();
    const r = spawnSync(process.execPath, ['--import', 'tsx', HOT_JOURNAL, file], { env: { ...process.env, CW_PASS: GOOD_PASSPHRASE } });
    expect(r.signal).toBe('SIGKILL');
    const { dispatch } = session((p) => p === file);
    const opened = await dispatch('store.open', { path: file, passphrase: GOOD_PASSPHRASE });
    expect(opened).toMatchObject({ ok: true, data: { storeOpen: true, storePath: file, notice: 'Casewright was interrupted while saving; it finished recovering the store.' } });
  });

  it('restores a backup made by an earlier version (store format 3): migrated, its audit key made, and it verifies', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'cases.cwstore');
    const old = path.join(dir, 'from-0.1.0.cwstore');
    fs.copyFileSync(path.resolve('test/fixtures/stores/v0.1.0.cwstore'), old);
    const facts = JSON.parse(fs.readFileSync(path.resolve('test/fixtures/stores/v0.1.0.json'), 'utf8')) as { passphrase: string; reference: string };
    const { dispatch } = session((p) => p === file || p === old);
    expect((await dispatch('store.create', { path: file, passphrase: GOOD_PASSPHRASE, ownerName: 'Alex Morgan' })).ok).toBe(true);
    const restored = await dispatch('backup.restore', { file: old, passphrase: facts.passphrase });
    expect(restored).toMatchObject({ ok: true, data: { storeOpen: true } });
    expect(await dispatch('cases.list', {})).toMatchObject({ ok: true, data: [{ reference: facts.reference }] });
    expect(await dispatch('store.verify', {})).toMatchObject({ ok: true, data: { ok: true, problems: [] } });
  });

  it('restores only from this store’s own backups or a file the person named, and sets no folder the renderer made up', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'cases.cwstore');
    const planted = path.join(dir, 'planted.cwstore');
    CaseStore.create(planted, GOOD_PASSPHRASE, { actor: 'Someone' }).lock();
    const { dispatch } = session((p) => p === file);
    await dispatch('store.create', { path: file, passphrase: GOOD_PASSPHRASE, ownerName: 'Alex Morgan' });
    expect(await dispatch('backup.restore', { file: planted, passphrase: GOOD_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('backup.setFolder', { folder: dir })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('backup.setFolder', { folder: null })).toMatchObject({ ok: true });
  });
});
