import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import type { Envelope } from '../../shared/api/contract';
import { API_CHANNEL_PREFIX, API_NAME_LIST } from '../../shared/api/names';
import type { Dispatch } from '../api/handlers';
import { isTrustedUrl, type TrustedOrigins } from './origins';

/**
 * One ipcMain.handle per API name, each a thin transport over the shared handler table. Before anything is
 * dispatched the sender is checked: it must be the top frame of the main window, showing the app's own page.
 * A message from a subframe, another window, or a page that navigated elsewhere is refused.
 */

type FrameLike = Pick<WebFrameMain, 'url' | 'processId' | 'routingId'> & { parent?: unknown };
type ContentsLike = { mainFrame: FrameLike; isDestroyed?: () => boolean };

export interface SenderEvent {
  sender: unknown;
  senderFrame: FrameLike | null;
}

export interface ExpectedSender {
  /** The main window's webContents, or null when there is no window. */
  webContents: ContentsLike | null;
  trusted: TrustedOrigins;
}

export type SenderCheck = { ok: true } | { ok: false; reason: string };

export function checkSender(event: SenderEvent, expected: ExpectedSender): SenderCheck {
  const contents = expected.webContents;
  if (!contents || contents.isDestroyed?.()) return { ok: false, reason: 'there is no main window' };
  if (event.sender !== contents) return { ok: false, reason: 'the message did not come from the main window' };
  const frame = event.senderFrame;
  // senderFrame is null when the frame has navigated away or been destroyed since it sent the message.
  if (!frame) return { ok: false, reason: 'the sending frame no longer exists' };
  const main = contents.mainFrame;
  const isMainFrame = frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
  if (!isMainFrame || (frame.parent !== undefined && frame.parent !== null)) return { ok: false, reason: 'the message came from a subframe' };
  if (!isTrustedUrl(frame.url, expected.trusted)) return { ok: false, reason: 'the sending page is not the app' };
  return { ok: true };
}

export function isTrustedSender(event: SenderEvent, expected: ExpectedSender): boolean {
  return checkSender(event, expected).ok;
}

export function forbidden(reason: string): Envelope<never> {
  return { ok: false, error: { code: 'FORBIDDEN', message: `This request was refused because ${reason}.` } };
}

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dispatch: Dispatch;
  /** The current main window's webContents (the window can be re-created on macOS). */
  getMainContents: () => WebContents | ContentsLike | null;
  trusted: TrustedOrigins;
  onRefused?: (channel: string, reason: string) => void;
  onInternalError?: (e: unknown) => void;
}

/** The handler registered for one API name; exported so tests can call it directly. */
export function createIpcHandler(name: string, deps: IpcDeps) {
  return async (event: SenderEvent | IpcMainInvokeEvent, input: unknown): Promise<Envelope<unknown>> => {
    const check = checkSender(event as SenderEvent, { webContents: deps.getMainContents() as ContentsLike | null, trusted: deps.trusted });
    if (!check.ok) {
      deps.onRefused?.(API_CHANNEL_PREFIX + name, check.reason);
      return forbidden(check.reason);
    }
    try {
      return await deps.dispatch(name, input);
    } catch (e) {
      // dispatch wraps its own errors; this is only a last line so a rejection never reaches the renderer raw.
      deps.onInternalError?.(e);
      return { ok: false, error: { code: 'INTERNAL', message: 'Casewright hit an unexpected problem; nothing further was changed. Please report it.' } };
    }
  };
}

/** Registers every API channel; returns a function that removes them again. */
export function registerIpc(deps: IpcDeps): () => void {
  for (const name of API_NAME_LIST) {
    const channel = API_CHANNEL_PREFIX + name;
    deps.ipcMain.removeHandler(channel);
    deps.ipcMain.handle(channel, createIpcHandler(name, deps));
  }
  return () => {
    for (const name of API_NAME_LIST) deps.ipcMain.removeHandler(API_CHANNEL_PREFIX + name);
  };
}
