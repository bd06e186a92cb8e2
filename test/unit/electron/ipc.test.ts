import { describe, expect, it, vi } from 'vitest';
import { contract } from '../../../shared/api/contract';
import { API_CHANNEL_PREFIX, API_NAME_LIST, EVENT_CHANNEL } from '../../../shared/api/names';
import { checkSender, createIpcHandler, isTrustedSender, registerIpc, type IpcDeps } from '../../../main/electron/ipc';
import { trustedOrigins } from '../../../main/electron/origins';

const prod = trustedOrigins({ isPackaged: true });

function frame(url: string, processId = 4, routingId = 1, parent: unknown = null) {
  return { url, processId, routingId, parent };
}

function mainContents(url = 'app://casewright/index.html') {
  return { mainFrame: frame(url), isDestroyed: () => false };
}

function deps(contents: ReturnType<typeof mainContents> | null, dispatch = vi.fn(async () => ({ ok: true as const, data: 'done' }))) {
  const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
  const d: IpcDeps = { ipcMain: ipcMain as never, dispatch, getMainContents: () => contents, trusted: prod, onRefused: vi.fn() };
  return { d, ipcMain, dispatch };
}

describe('the API name list', () => {
  it('equals the contract names (the preload uses the list, not the zod contract)', () => {
    expect([...API_NAME_LIST].sort()).toEqual(Object.keys(contract).sort());
    expect(new Set(API_NAME_LIST).size).toBe(API_NAME_LIST.length);
    expect(API_CHANNEL_PREFIX).toBe('cw:');
    expect(EVENT_CHANNEL).toBe('cw-event');
  });
});

describe('isTrustedSender', () => {
  it('accepts the main frame of the main window showing the app', () => {
    const wc = mainContents();
    expect(isTrustedSender({ sender: wc, senderFrame: wc.mainFrame }, { webContents: wc, trusted: prod })).toBe(true);
    // Same frame, possibly a different wrapper object.
    expect(isTrustedSender({ sender: wc, senderFrame: frame('app://casewright/cases') }, { webContents: wc, trusted: prod })).toBe(true);
  });

  it('refuses a missing frame, another webContents, a subframe and a foreign URL', () => {
    const wc = mainContents();
    const expected = { webContents: wc, trusted: prod };
    expect(checkSender({ sender: wc, senderFrame: null }, expected)).toEqual({ ok: false, reason: 'the sending frame no longer exists' });
    expect(isTrustedSender({ sender: mainContents(), senderFrame: wc.mainFrame }, expected)).toBe(false);
    expect(isTrustedSender({ sender: wc, senderFrame: frame('app://casewright/index.html', 4, 7, wc.mainFrame) }, expected)).toBe(false);
    expect(isTrustedSender({ sender: wc, senderFrame: frame('app://casewright/index.html', 9, 1) }, expected)).toBe(false);
    const navigated = mainContents('https://evil.example/');
    expect(isTrustedSender({ sender: navigated, senderFrame: navigated.mainFrame }, { webContents: navigated, trusted: prod })).toBe(false);
    expect(isTrustedSender({ sender: wc, senderFrame: wc.mainFrame }, { webContents: null, trusted: prod })).toBe(false);
  });

  it('trusts the dev server only when it is configured', () => {
    const wc = mainContents('http://localhost:5173/');
    expect(isTrustedSender({ sender: wc, senderFrame: wc.mainFrame }, { webContents: wc, trusted: prod })).toBe(false);
    expect(isTrustedSender({ sender: wc, senderFrame: wc.mainFrame }, { webContents: wc, trusted: trustedOrigins({ isPackaged: false, devUrl: 'http://localhost:5173' }) })).toBe(true);
  });
});

describe('registerIpc', () => {
  it('registers one handler per API name on cw:<name>', () => {
    const { d, ipcMain } = deps(mainContents());
    registerIpc(d);
    const channels = ipcMain.handle.mock.calls.map((c) => c[0] as string);
    expect(channels.sort()).toEqual(API_NAME_LIST.map((n) => `cw:${n}`).sort());
  });

  it('dispatches a call from the main frame', async () => {
    const wc = mainContents();
    const { d, ipcMain, dispatch } = deps(wc);
    registerIpc(d);
    const handler = ipcMain.handle.mock.calls.find((c) => c[0] === 'cw:cases.get')?.[1] as (e: unknown, i: unknown) => Promise<unknown>;
    await expect(handler({ sender: wc, senderFrame: wc.mainFrame }, { id: 'c1' })).resolves.toEqual({ ok: true, data: 'done' });
    expect(dispatch).toHaveBeenCalledWith('cases.get', { id: 'c1' });
  });

  it('refuses a foreign frame or URL with FORBIDDEN and never dispatches', async () => {
    const wc = mainContents();
    const { d, dispatch } = deps(wc);
    const handler = createIpcHandler('store.open', d);
    const sub = frame('app://casewright/index.html', 4, 99, wc.mainFrame);
    const results = [
      await handler({ sender: wc, senderFrame: sub }, { path: '/x', passphrase: 'p' }),
      await handler({ sender: wc, senderFrame: frame('https://evil.example/') }, {}),
      await handler({ sender: mainContents(), senderFrame: wc.mainFrame }, {}),
      await handler({ sender: wc, senderFrame: null }, {}),
    ];
    for (const r of results) expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(d.onRefused).toHaveBeenCalledTimes(4);
  });

  it('refuses a main frame that has navigated away from the app', async () => {
    const wc = mainContents('https://evil.example/');
    const { d, dispatch } = deps(wc);
    await expect(createIpcHandler('cases.list', d)({ sender: wc, senderFrame: wc.mainFrame }, {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns a dispatcher rejection into an INTERNAL envelope', async () => {
    const wc = mainContents();
    const { d } = deps(wc, vi.fn(async () => Promise.reject(new Error('boom'))));
    d.onInternalError = vi.fn();
    await expect(createIpcHandler('cases.list', d)({ sender: wc, senderFrame: wc.mainFrame }, {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(d.onInternalError).toHaveBeenCalled();
  });

  it('returns an unregister function', () => {
    const { d, ipcMain } = deps(mainContents());
    const off = registerIpc(d);
    ipcMain.removeHandler.mockClear();
    off();
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(API_NAME_LIST.length);
  });
});
