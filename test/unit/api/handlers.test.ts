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
