import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/handlers';
import { BackupService, KEEP_DAILY, KEEP_WEEKLY, defaultBackupFolder } from '../../../main/services/backup/backupService';
import { memorySettings, type Platform } from '../../../main/services/platform';
import { Session } from '../../../main/services/session/session';
import { listAudit } from '../../../main/services/store/audit';
import { CaseStore, applyCipher, createPrivateFile, openDatabase, openReadOnly, passphraseOpens } from '../../../main/services/store/caseStore';
import { MIGRATIONS, migrate } from '../../../main/services/store/migrations';
import { verifyStore } from '../../../main/services/store/verify';
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
    chooseFolder: async () => path.join(dir, 'chosen'),
    emit: () => {},
    today: () => '2026-11-25',
  };
  const session = new Session(platform);
  const dispatch = createDispatcher(session);
  const store = path.join(dir, 'cases.cwstore');
  const call = async (name: string, input: unknown) => {
    const r = await dispatch(name, input);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.data as never;
  };
  await call('store.create', { path: store, passphrase: GOOD_PASSPHRASE, ownerName: 'Test Officer', demo: true });
  return { dir, store, session, dispatch, call };
}

const refs = (s: Session) => s.cases().list().map((c) => c.reference).sort();

describe('backups', () => {
  it('are encrypted copies beside the store that open with its passphrase and pass their checks', async () => {
    const { store, session, call } = await openSession();
    const b = (await call('backup.create', {})) as { file: string; kind: string };
    expect(path.dirname(b.file)).toBe(defaultBackupFolder(store));
    expect(path.basename(path.dirname(b.file))).toBe('cases.backups');
    expect(b.kind).toBe('manual');
    const bytes = fs.readFileSync(b.file);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    for (const needle of ['Kieran Nowak', 'Harrowfield', 'CREATE TABLE']) expect(bytes.includes(Buffer.from(needle))).toBe(false);
    if (process.platform !== 'win32') expect((fs.statSync(b.file).mode & 0o777).toString(8)).toBe('600');
    expect(fs.existsSync(`${b.file}.part`)).toBe(false);
    session.lock('user');
    const copy = CaseStore.open(b.file, GOOD_PASSPHRASE, { actor: 'x' });
    expect(verifyStore(copy)).toEqual([]);
    expect(copy.db.prepare('SELECT reference FROM cases').all()).toEqual([{ reference: 'DEMO-ST2-0001' }]);
    copy.lock();
  });

  it('are made before a passphrase change, and that one opens with the old passphrase', async () => {
    const { session, call } = await openSession();
    await call('store.changePassphrase', { current: GOOD_PASSPHRASE, next: OTHER_PASSPHRASE });
    const { backups } = (await call('backup.list', {})) as { backups: { file: string; kind: string }[] };
    const before = backups.find((b) => b.kind === 'before-passphrase')!;
    expect(passphraseOpens(before.file, GOOD_PASSPHRASE)).toBe(true);
    expect(passphraseOpens(before.file, OTHER_PASSPHRASE)).toBe(false);
    session.lock('user');
  });

  it('are made before a migration, as the store was before it', async () => {
    const dir = tempDir();
    const store = path.join(dir, 'older.cwstore');
    // A store left at format 2 by an earlier version.
    createPrivateFile(store);
    const db = openDatabase(store);
    applyCipher(db, GOOD_PASSPHRASE);
    migrate(db, MIGRATIONS.slice(0, 2));
    db.close();
    const session = new Session({ actor: 'T', appVersion: 'test', settings: memorySettings(), vault: null, chooseStorePath: async () => null, allowsPath: () => true, chooseSavePath: async () => null, chooseFolder: async () => null, emit: () => {} });
    const r = await createDispatcher(session)('store.open', { path: store, passphrase: GOOD_PASSPHRASE });
    expect(r.ok).toBe(true);
    const [b] = session.backups().list();
    expect(b?.kind).toBe('before-migration');
    session.lock('user');
    const old = openReadOnly(b!.file, GOOD_PASSPHRASE);
    expect(old.pragma('user_version', { simple: true })).toBe(2);
    old.close();
  });

  it('make one automatic backup a day while the store is used', async () => {
    const { session, call } = await openSession();
    await call('cases.list', {});
    await call('cases.list', {});
    const { backups } = (await call('backup.list', {})) as { backups: { kind: string }[] };
    expect(backups.map((b) => b.kind)).toEqual(['daily']);
    session.lock('user');
  });

  it('restore: the store is backed up first, then replaced; it opens with the backup\'s passphrase, which the screen says', async () => {
    const { store, session, call, dispatch } = await openSession();
    const b = (await call('backup.create', {})) as { file: string };
    const [demo] = session.cases().list();
    const json = (await session.cases().exportJson(demo!.id)).replace(/DEMO-ST2-0001/g, 'LATER-1');
    await call('cases.importJson', { json });
    await call('store.changePassphrase', { current: GOOD_PASSPHRASE, next: OTHER_PASSPHRASE });
    expect(refs(session)).toEqual(['DEMO-ST2-0001', 'LATER-1']);

    expect(await dispatch('backup.restore', { file: b.file, passphrase: OTHER_PASSPHRASE })).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE', message: 'That passphrase does not open this backup; a backup opens with the passphrase the store had when the backup was made.' },
    });
    expect(await dispatch('backup.restore', { file: store, passphrase: OTHER_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const restored = (await call('backup.restore', { file: b.file, passphrase: GOOD_PASSPHRASE })) as { notice: string; storeOpen: boolean };
    expect(restored.storeOpen).toBe(true);
    expect(restored.notice).toMatch(/now opens with the passphrase it had when that backup was made/);
    expect(refs(session)).toEqual(['DEMO-ST2-0001']);
    expect(listAudit(session.requireStore().db).at(-1)?.action).toBe('store.restore');
    expect(verifyStore(session.requireStore())).toEqual([]);
    const { backups } = (await call('backup.list', {})) as { backups: { file: string; kind: string }[] };
    const previous = backups.find((x) => x.kind === 'before-restore')!;
    session.lock('user');
    expect(passphraseOpens(store, GOOD_PASSPHRASE)).toBe(true);
    // The store as it was before the restore is kept, with the passphrase it had then.
    const kept = CaseStore.open(previous.file, OTHER_PASSPHRASE, { actor: 'x' });
    expect((kept.db.prepare('SELECT reference FROM cases ORDER BY reference').all() as { reference: string }[]).map((r) => r.reference)).toEqual(['DEMO-ST2-0001', 'LATER-1']);
    kept.lock();
  });

  it('made in the same millisecond are two backups, not one replacing the other', async () => {
    const { store, session } = await openSession();
    const fixed = new Date('2026-11-28T09:00:00.000Z');
    const service = new BackupService(() => session.requireStore().db, store, defaultBackupFolder(store), () => fixed);
    const a = service.create('manual');
    const b = service.create('manual');
    expect(a.file).not.toBe(b.file);
    expect(service.list().filter((x) => x.kind === 'manual')).toHaveLength(2);
    session.lock('user');
  });

  it('go to the folder the user chose', async () => {
    const { dir, session, call } = await openSession();
    const listed = (await call('backup.chooseFolder', {})) as { folder: string; isDefault: boolean };
    expect(listed).toMatchObject({ folder: path.join(dir, 'chosen'), isDefault: false });
    const b = (await call('backup.create', {})) as { file: string };
    expect(path.dirname(b.file)).toBe(path.join(dir, 'chosen'));
    expect(((await call('backup.setFolder', { folder: null })) as { isDefault: boolean }).isDefault).toBe(true);
    session.lock('user');
  });

  it('keep 7 daily and 4 weekly backups, and the newest 10 made before changes', () => {
    const dir = tempDir();
    const store = path.join(dir, 'cases.cwstore');
    const folder = defaultBackupFolder(store);
    fs.mkdirSync(folder);
    // One daily backup every day for 60 days up to Saturday 28 November 2026, and 12 before a change.
    const day = (n: number) => new Date(Date.UTC(2026, 10, 28 - n, 9, 0, 0));
    const name = (d: Date, kind: string) => `cases-${d.toISOString().slice(0, 10).replace(/-/g, '')}-090000-000-${kind}.cwstore`;
    for (let n = 0; n < 60; n++) fs.writeFileSync(path.join(folder, name(day(n), 'daily')), 'x');
    for (let n = 0; n < 12; n++) fs.writeFileSync(path.join(folder, name(day(n), 'before-migration')), 'x');
    const service = new BackupService(() => {
      throw new Error('not needed');
    }, store, folder);
    service.prune();
    const left = service.list();
    const daily = left.filter((b) => b.kind === 'daily').map((b) => b.createdAt.slice(0, 10));
    expect(daily.slice(0, KEEP_DAILY)).toEqual(['2026-11-28', '2026-11-27', '2026-11-26', '2026-11-25', '2026-11-24', '2026-11-23', '2026-11-22']);
    // Then one per earlier week (the newest of each week), four weeks.
    expect(daily.slice(KEEP_DAILY)).toEqual(['2026-11-15', '2026-11-08', '2026-11-01', '2026-10-25']);
    expect(daily).toHaveLength(KEEP_DAILY + KEEP_WEEKLY);
    expect(left.filter((b) => b.kind === 'before-migration')).toHaveLength(10);
  });

  it('cannot be made with better-sqlite3\'s backup(), which refuses an unkeyed target rather than write the cases in the clear', async () => {
    const { dir, session } = await openSession();
    const target = path.join(dir, 'plain-copy.db');
    await expect(session.requireStore().db.backup(target)).rejects.toThrow(/incompatible/);
    expect(fs.existsSync(target) ? fs.statSync(target).size : 0).toBe(0);
    session.lock('user');
  });
});
