// Runs in the browser under test: provides window.casewright over HTTP to the harness, in the same shape
// the preload gives the Electron renderer (both are built from API_NAME_LIST and typed as CasewrightApi).
import type { AppEvent, CasewrightApi } from '../../shared/api/contract';
import { API_NAME_LIST } from '../../shared/api/names';

const fromUrl = new URLSearchParams(location.search).get('token');
if (fromUrl) sessionStorage.setItem('casewright-token', fromUrl);
const token = sessionStorage.getItem('casewright-token') ?? '';

const calls = Object.fromEntries(
  API_NAME_LIST.map((name) => [
    name,
    async (input: unknown) => {
      const res = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-casewright-token': token },
        body: JSON.stringify(input ?? {}),
      });
      return res.json();
    },
  ]),
);

// As the preload does: the first app.status is asked for at once, before the page's script has been fetched.
let earlyStatus: Promise<unknown> | null = (calls['app.status'] as (i: unknown) => Promise<unknown>)({});
earlyStatus.catch(() => {});

const api = {
  ...calls,
  takeEarlyStatus() {
    const taken = earlyStatus;
    earlyStatus = null;
    return taken;
  },
  onEvent(listener: (e: AppEvent) => void) {
    const source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (m) => listener(JSON.parse(m.data as string) as AppEvent);
    return () => source.close();
  },
} as CasewrightApi;

(window as unknown as { casewright: CasewrightApi }).casewright = api;
