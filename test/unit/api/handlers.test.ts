import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_NAMES, type AppEvent } from '../../../shared/api/contract';
import { API_NAME_LIST } from '../../../shared/api/names';
import { createDispatcher } from '../../../main/api/handlers';
import { memorySettings, type Platform } from '../../../main/services/platform';
import { Session } from '../../../main/services/session/session';
import { testVault } from '../../harness/server';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';

function setup(overrides: Partial<Platform> = {}) {
  const dir = tempDir();
  const events: AppEvent[] = [];
  const platform: Platform = {
    actor: 'Test Officer',
    appVersion: 'test',
    settings: memorySettings(),
    vault: testVault,
    chooseStorePath: async () => path.join(dir, 'picked.cwstore'),
    // Like the CLI's --store: the tests name their store file directly.
    allowsPath: (p) => p === path.join(dir, 'cases.cwstore'),
    chooseSavePath: async (name) => path.join(dir, name),
    chooseFolder: async () => dir,
    emit: (e) => events.push(e),
    // The demo case is dated from "today": pinned, so the extension dates below fit on any day the suite runs.
    today: () => '2026-11-27',
    ...overrides,
  };
  const session = new Session(platform);
  const dispatch = createDispatcher(session);
  return { dir, events, session, dispatch, store: path.join(dir, 'cases.cwstore') };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the handler table', () => {
  it('has exactly the calls the preload exposes', () => {
    expect([...API_NAME_LIST].sort()).toEqual([...API_NAMES].sort());
  });

  it('wraps results and refusals in the envelope', async () => {
    const { dispatch } = setup();
    expect(await dispatch('nope.nothing', {})).toEqual({ ok: false, error: { code: 'UNKNOWN_CALL', message: 'There is no API call named nope.nothing.' } });
    expect(await dispatch('cases.list', {})).toEqual({
      ok: false,
      error: { code: 'LOCKED', message: 'The case store is locked; unlock it with your passphrase to continue.' },
    });
    expect(await dispatch('cases.deadlines', { id: 'x', today: '2024-02-30' })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Today: must be a real date written as YYYY-MM-DD (for example 2024-03-07).' },
    });
    expect(await dispatch('settings.update', { idleLockMinutes: 0 })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'The idle lock must be at least 1 minute.' },
    });
    expect(await dispatch('store.create', { path: 'x', passphrase: GOOD_PASSPHRASE, ownerName: 'A', sneaky: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('locks after the idle time, closes the store and tells the UI', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { dispatch, events, session, store } = setup();
    await dispatch('settings.update', { idleLockMinutes: 2 });
    expect((await dispatch('store.create', { path: store, passphrase: GOOD_PASSPHRASE, ownerName: 'Alex' })).ok).toBe(true);
    vi.advanceTimersByTime(90_000);
    await dispatch('cases.list', {}); // activity restarts the countdown
    vi.advanceTimersByTime(90_000);
    expect(session.isOpen).toBe(true);
    vi.advanceTimersByTime(31_000);
    expect(session.isOpen).toBe(false);
    expect(events).toEqual([{ type: 'locked', reason: 'idle' }]);
    expect(await dispatch('cases.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('says the store was locked, not "an unexpected problem", when a lock comes while a call is waiting', async () => {
    const errors: unknown[] = [];
    const { session, store } = setup();
    const dispatch = createDispatcher(session, (e) => errors.push(e));
    expect((await dispatch('store.create', { path: store, passphrase: GOOD_PASSPHRASE, ownerName: 'Alex' })).ok).toBe(true);
    // A store with no exchange identity yet makes one on first use, waiting on key generation meanwhile.
    session.requireStore().db.prepare('DELETE FROM exchange_identity').run();
    const pending = dispatch('exchange.identity', {});
    session.lock('idle');
    expect(await pending).toEqual({
      ok: false,
      error: { code: 'LOCKED', message: 'The case store was locked while this was being done, so it may not have finished; unlock it and look before trying again.' },
    });
    expect(errors).toEqual([]);
  });

  it('remembers a passphrase on this device only when asked, and forgets it', async () => {
    const { dispatch, store, session } = setup();
    await dispatch('store.create', { path: store, passphrase: GOOD_PASSPHRASE, ownerName: 'Alex' });
    await dispatch('store.lock', {});
    expect(session.settings().remembered).toEqual({});
    expect(await dispatch('store.openRemembered', { path: store })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await dispatch('store.open', { path: store, passphrase: GOOD_PASSPHRASE, remember: true });
    expect(Object.keys(session.settings().remembered)).toEqual([store]);
    expect(JSON.stringify(session.settings())).not.toContain(GOOD_PASSPHRASE);
    await dispatch('store.lock', {});
    const reopened = await dispatch('store.openRemembered', { path: store });
    expect(reopened).toMatchObject({ ok: true, data: { storeOpen: true } });
    await dispatch('store.forget', { path: store });
    expect(session.settings().remembered).toEqual({});
  });

  it('seals the remembered passphrase again when the keychain says its key has changed', async () => {
    const sealedWith: string[] = [];
    const rotating = {
      isAvailable: async () => true,
      encrypt: async (plain: string) => {
        const sealed = `k${sealedWith.length}:${Buffer.from(plain).toString('base64')}`;
        sealedWith.push(sealed);
        return sealed;
      },
      decrypt: async (sealed: string) => ({ plain: Buffer.from(sealed.split(':')[1]!, 'base64').toString(), reseal: sealed.startsWith('k0:') }),
    };
    const { dispatch, store, session } = setup({ vault: rotating });
    await dispatch('store.create', { path: store, passphrase: GOOD_PASSPHRASE, ownerName: 'Alex' });
    await dispatch('store.lock', {});
    await dispatch('store.open', { path: store, passphrase: GOOD_PASSPHRASE, remember: true });
    expect(session.settings().remembered[store]).toMatch(/^k0:/);
    await dispatch('store.lock', {});
    expect(await dispatch('store.openRemembered', { path: store })).toMatchObject({ ok: true, data: { storeOpen: true } });
    expect(session.settings().remembered[store]).toMatch(/^k1:/);
  });

  it('offers no remembering where the device has no keychain', async () => {
    const { dispatch, store } = setup({ vault: null });
    await dispatch('store.create', { path: store, passphrase: GOOD_PASSPHRASE, ownerName: 'Alex' });
    await dispatch('store.lock', {});
    expect(await dispatch('app.status', {})).toMatchObject({ ok: true, data: { rememberAvailable: false } });
    expect(await dispatch('store.open', { path: store, passphrase: GOOD_PASSPHRASE, remember: true })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
  });

  it('records an extension as a record and refuses one beyond the 65-day limit', async () => {
    const { dispatch, store } = setup();
    await dispatch('store.create', { path: store, passphrase: GOOD_PASSPHRASE, ownerName: 'Alex', demo: true });
    const list = (await dispatch('cases.list', {})) as { ok: true; data: { id: string; revision: number }[] };
    const { id, revision } = list.data[0]!;
    const ext = { clock: 'stage2-response-from-statement', agreedOn: '2026-11-27', reason: 'key-witness-unavailable', complainantToldOn: '2026-11-27', complainantToldHow: 'letter' };
    const tooLate = await dispatch('cases.recordExtension', { id, revision, extension: { ...ext, newDueDate: '2027-06-30' }, today: '2026-11-27' });
    expect(tooLate).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((tooLate as { error: { message: string } }).error.message).toMatch(/beyond the 65-working-day limit/);
    const ok = await dispatch('cases.recordExtension', { id, revision, extension: { ...ext, newDueDate: '2027-01-29' }, today: '2026-11-27' });
    expect(ok).toMatchObject({ ok: true, data: { revision: revision + 1 } });
    const clocks = (await dispatch('cases.deadlines', { id, today: '2026-11-27' })) as { ok: true; data: { id: string; due: string; extendedTo: string | null }[] };
    expect(clocks.data.find((c) => c.id === 'stage2-response-from-statement')).toMatchObject({ due: '2027-01-29', extendedTo: '2027-01-29' });
    const audit = (await dispatch('cases.audit', { id })) as { ok: true; data: { action: string; summary: string }[] };
    // The demo is created, its e-mail attached and linked as E4, then the extension recorded.
    expect(audit.data.map((a) => a.action)).toEqual(['case.demo', 'attachment.add', 'case.update', 'case.update']);
    expect(audit.data[3]!.summary).toMatch(/extensions\[0\]/);
  });

  it('exports deadlines as an .ics calendar without children’s or complainants’ names', async () => {
    const { dispatch, store, dir } = setup();
    await dispatch('store.create', { path: store, passphrase: GOOD_PASSPHRASE, ownerName: 'Alex', demo: true });
    const r = (await dispatch('calendar.exportIcs', {})) as { ok: true; data: { path: string } };
    expect(r.data.path).toBe(path.join(dir, 'casewright-deadlines.ics'));
    const ics = fs.readFileSync(r.data.path, 'utf8');
    expect(ics).toMatch(/BEGIN:VCALENDAR/);
    expect(ics).toMatch(/SUMMARY:DEMO-ST2-0001: Stage 2 response \(from agreed statement\) due/);
    expect(ics).toMatch(/DTSTART;VALUE=DATE:\d{8}/);
    for (const name of ['Kieran', 'Zoë', 'Nowak']) expect(ics).not.toContain(name);
  });
});

describe('which store files the renderer may create or open', () => {
  // The app's platform: no allowsPath, so only dialog tokens and the recent-stores list are accepted.
  const appLike = () => setup({ allowsPath: undefined });

  it('creates a store at the file chosen in the dialog, named by the token store.choosePath returned', async () => {
    const { dispatch, dir, session } = appLike();
    const chosen = (await dispatch('store.choosePath', { mode: 'create' })) as { ok: true; data: { token: string; path: string } };
    expect(chosen.data.path).toBe(path.join(dir, 'picked.cwstore'));
    expect(chosen.data.token).toMatch(/^cwpath_[A-Za-z0-9_-]{24}$/);
    expect(chosen.data.token).not.toContain('picked');
    expect(await dispatch('store.create', { token: chosen.data.token, passphrase: GOOD_PASSPHRASE, ownerName: 'Alex' })).toMatchObject({ ok: true, data: { storeOpen: true, storePath: chosen.data.path } });
    expect(fs.existsSync(chosen.data.path)).toBe(true);
    expect(session.settings().recentStores).toEqual([chosen.data.path]);
  });

  it('refuses a path of the renderer\'s own choosing, and creates nothing there', async () => {
    const { dispatch, dir } = appLike();
    const elsewhere = path.join(dir, 'elsewhere.cwstore');
    const r = await dispatch('store.create', { path: elsewhere, passphrase: GOOD_PASSPHRASE, ownerName: 'Alex' });
    expect(r).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Casewright only creates a case store you chose in its file dialog or from the recent stores; choose where to save it with Choose… and try again.' },
    });
    expect(fs.existsSync(elsewhere)).toBe(false);
    expect(await dispatch('store.open', { path: elsewhere, passphrase: GOOD_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Casewright only opens a case store you chose/) } });
  });

  it('refuses a token it never issued, one from another run, and one from the other kind of dialog', async () => {
    const { dispatch } = appLike();
    const made = await dispatch('store.create', { token: 'cwpath_madeupmadeupmadeupmadeup', passphrase: GOOD_PASSPHRASE, ownerName: 'Alex' });
    expect(made).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'That case store file was not chosen in this window since Casewright started; choose where to save it with Choose… and try again.' } });
    const other = appLike();
    const foreign = (await other.dispatch('store.choosePath', { mode: 'create' })) as { ok: true; data: { token: string } };
    expect(await dispatch('store.create', { token: foreign.data.token, passphrase: GOOD_PASSPHRASE, ownerName: 'Alex' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const forOpening = (await dispatch('store.choosePath', { mode: 'open' })) as { ok: true; data: { token: string } };
    expect(await dispatch('store.create', { token: forOpening.data.token, passphrase: GOOD_PASSPHRASE, ownerName: 'Alex' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('opens a store from the recent-stores list by its path, or by a token from the open dialog', async () => {
    const { dispatch } = appLike();
    const chosen = (await dispatch('store.choosePath', { mode: 'create' })) as { ok: true; data: { token: string; path: string } };
    await dispatch('store.create', { token: chosen.data.token, passphrase: GOOD_PASSPHRASE, ownerName: 'Alex' });
    await dispatch('store.lock', {});
    expect(await dispatch('store.open', { path: chosen.data.path, passphrase: GOOD_PASSPHRASE })).toMatchObject({ ok: true, data: { storeOpen: true } });
    await dispatch('store.lock', {});
    const picked = (await dispatch('store.choosePath', { mode: 'open' })) as { ok: true; data: { token: string } };
    expect(await dispatch('store.open', { token: picked.data.token, passphrase: GOOD_PASSPHRASE })).toMatchObject({ ok: true, data: { storeOpen: true } });
  });

  it('wants exactly one of a token or a path', async () => {
    const { dispatch, store } = appLike();
    const msg = { ok: false, error: { code: 'INVALID_INPUT', message: 'Choose the case store file with the dialog or from the recent stores.' } };
    expect(await dispatch('store.open', { passphrase: GOOD_PASSPHRASE })).toEqual(msg);
    expect(await dispatch('store.open', { token: 'cwpath_x', path: store, passphrase: GOOD_PASSPHRASE })).toEqual(msg);
  });

  it('a cancelled dialog gives neither token nor path', async () => {
    const { dispatch } = setup({ allowsPath: undefined, chooseStorePath: async () => null });
    expect(await dispatch('store.choosePath', { mode: 'open' })).toEqual({ ok: true, data: { token: null, path: null } });
  });
});
