import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_NAME_LIST, EVENT_CHANNEL } from '../../../shared/api/names';

const mocks = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  ipcRenderer: {
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, data: 'x' })),
    on: vi.fn(),
    removeListener: vi.fn(),
    send: vi.fn(),
    sendSync: vi.fn(),
  },
}));

vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld: mocks.exposeInMainWorld }, ipcRenderer: mocks.ipcRenderer }));

let exposed: Record<string, unknown>;

beforeAll(async () => {
  await import('../../../preload/index');
  expect(mocks.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = mocks.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
  expect(key).toBe('casewright');
  exposed = api;
});

describe('preload', () => {
  it('asks main for the first app.status at once, and gives that answer to the page once', async () => {
    // Asked while the preload ran (before any page script), with the status channel and no input from the page.
    expect(mocks.ipcRenderer.invoke.mock.calls[0]).toEqual(['cw:app.status', {}]);
    const take = exposed.takeEarlyStatus as () => Promise<unknown> | null;
    await expect(take()).resolves.toEqual({ ok: true, data: 'x' });
    expect(take()).toBeNull();
  });

  it('exposes exactly the API names plus onEvent and takeEarlyStatus, all functions', () => {
    expect(Object.keys(exposed).sort()).toEqual([...API_NAME_LIST, 'onEvent', 'takeEarlyStatus'].sort());
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
  });

  it('never exposes ipcRenderer or its methods', () => {
    const values = Object.values(exposed);
    expect(values).not.toContain(mocks.ipcRenderer);
    for (const fn of Object.values(mocks.ipcRenderer)) expect(values).not.toContain(fn);
    expect(exposed).not.toHaveProperty('ipcRenderer');
    expect(exposed).not.toHaveProperty('invoke');
    expect(exposed).not.toHaveProperty('send');
    expect(Object.isFrozen(exposed)).toBe(true);
  });

  it("calls ipcRenderer.invoke('cw:'+name, input) for each name and returns its result", async () => {
    for (const name of API_NAME_LIST) {
      mocks.ipcRenderer.invoke.mockClear();
      const input = { probe: name };
      await expect((exposed[name] as (i: unknown) => Promise<unknown>)(input)).resolves.toEqual({ ok: true, data: 'x' });
      expect(mocks.ipcRenderer.invoke).toHaveBeenCalledWith(`cw:${name}`, input);
      expect(mocks.ipcRenderer.invoke.mock.calls[0]).toHaveLength(2);
    }
  });

  it('onEvent subscribes to the event channel, passes only the payload, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = (exposed.onEvent as (l: (e: unknown) => void) => () => void)(listener);
    const [channel, wrapped] = mocks.ipcRenderer.on.mock.calls.at(-1) as [string, (e: unknown, p: unknown) => void];
    expect(channel).toBe(EVENT_CHANNEL);
    const ipcEvent = { sender: mocks.ipcRenderer, ports: [] };
    wrapped(ipcEvent, { type: 'locked', reason: 'idle' });
    expect(listener).toHaveBeenCalledWith({ type: 'locked', reason: 'idle' });
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    expect(mocks.ipcRenderer.removeListener).toHaveBeenCalledWith(EVENT_CHANNEL, wrapped);
  });

  it('onEvent refuses a non-function', () => {
    expect(() => (exposed.onEvent as (l: unknown) => unknown)('nope')).toThrow(TypeError);
  });
});
