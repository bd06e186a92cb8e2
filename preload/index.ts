import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Type-only: erased at build time, so zod (which the contract imports) is not bundled into the preload.
import type { ApiName, AppEvent, CasewrightApi } from '../shared/api/contract';
import { API_CHANNEL_PREFIX, API_NAME_LIST, EVENT_CHANNEL } from '../shared/api/names';

/**
 * The sandboxed preload: exposes window.casewright, one async method per API name plus onEvent and
 * takeEarlyStatus (the first app.status, asked for at once). It never
 * exposes ipcRenderer (or an IpcRendererEvent, whose `sender` is ipcRenderer) to the page.
 */

// Compile-time check that the name list and the contract agree in both directions.
type ListedName = (typeof API_NAME_LIST)[number];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchContract: Same<ListedName, ApiName> = true;
void namesMatchContract;

interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
}

function createCasewrightApi(ipc: IpcRendererLike): CasewrightApi {
  const api: Record<string, unknown> = {};
  for (const name of API_NAME_LIST) {
    const channel = API_CHANNEL_PREFIX + name;
    // Only the input crosses; no renderer object can smuggle anything else through.
    api[name] = (input?: unknown) => ipc.invoke(channel, input);
  }
  // Asked now, while the page's script is still being fetched; the page takes the answer once (takeEarlyStatus).
  let earlyStatus: Promise<unknown> | null = ipc.invoke(API_CHANNEL_PREFIX + 'app.status', {});
  earlyStatus.catch(() => {});
  api.takeEarlyStatus = () => {
    const taken = earlyStatus;
    earlyStatus = null;
    return taken;
  };
  api.onEvent = (listener: (event: AppEvent) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload as AppEvent);
    ipc.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipc.removeListener(EVENT_CHANNEL, wrapped);
    };
  };
  return Object.freeze(api) as unknown as CasewrightApi;
}

contextBridge.exposeInMainWorld('casewright', createCasewrightApi(ipcRenderer));
