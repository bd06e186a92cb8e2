import type { AppStatus } from '../../shared/api/types';
import { call, messageOf, setLockedHandler, unwrap, type LockReason } from './api';
import { showUnlockScreen } from './features/unlock/unlockScreen';
import { alertBox, el } from './ui/dom';
import './styles.css';

// The window's shell. While the store is locked it shows the unlock screen, written without React, so the first
// chunk is small (issue 15); React and every other screen (./appRoot) load in the background and are mounted
// once the store is open. On every lock the whole React tree is unmounted, so nothing of a case stays in the
// page, and the unlock screen comes back.

const root = document.getElementById('root')!;
const loadApp = () => import('./appRoot');

/** What the window shows: the unlock screen, the app being mounted after an unlock, or the app. */
let showing: 'unlock' | 'opening' | 'app' = 'unlock';
/** Bumped whenever the window changes what it shows, so a slow mount cannot land after a lock. */
let generation = 0;
let unmountApp: (() => void) | null = null;

const LOCK_NOTICES: Record<LockReason, string | null> = {
  idle: 'Casewright locked the case store because it was not used for a while. Enter your passphrase to carry on.',
  unknown: 'The case store is locked. Enter your passphrase to carry on.',
  user: null,
};

function showFatal(message: string): void {
  generation++;
  unmountApp?.();
  unmountApp = null;
  root.replaceChildren(el('main', { class: 'page', id: 'main' }, [el('h1', {}, ['Casewright could not start']), alertBox('error', message)]));
}

function showLocked(status: AppStatus, notice: string | null): void {
  generation++;
  showing = 'unlock';
  showUnlockScreen(root, status, notice, (opened) => void openApp(opened));
}

async function openApp(status: AppStatus): Promise<void> {
  const mine = ++generation;
  showing = 'opening';
  let app: Awaited<ReturnType<typeof loadApp>>;
  try {
    app = await loadApp();
  } catch {
    // The chunks are files beside this one; this happens only if the installation is damaged. A lock that came
    // meanwhile has already put the unlock screen up, and that stays.
    if (mine === generation) showFatal('Part of Casewright could not be loaded. Close it and start it again; if this happens again, reinstall it.');
    return;
  }
  if (mine !== generation) return;
  showing = 'app';
  root.replaceChildren();
  unmountApp = app.mountApp(root, status, lock);
}

/**
 * The store was locked: by the person (Lock), by the main process when idle, or found locked by a call (another
 * window; the reason is not known). A call that finds the store locked once the screen already knows does not
 * change the reason shown.
 */
function lock(reason: LockReason): void {
  if (showing === 'unlock' && reason !== 'idle') return;
  const mine = ++generation;
  showing = 'unlock';
  unmountApp?.();
  unmountApp = null;
  root.replaceChildren(el('p', { class: 'page', role: 'status' }, ['Locked.']));
  call('app.status', {}).then(
    (s) => {
      if (mine !== generation) return;
      if (s.storeOpen) void openApp(s);
      else showLocked(s, LOCK_NOTICES[reason]);
    },
    (e: unknown) => {
      if (mine === generation) showFatal(messageOf(e));
    },
  );
}

setLockedHandler(() => lock('unknown'));
window.casewright.onEvent((e) => {
  if (e.type === 'locked') lock(e.reason);
});

// Asked for by the preload as the window was made, while this script was still being fetched (or, failing that,
// now); the e2e suite checks that it was taken. Should that early question have been refused or lost (the window
// not yet where main expects it), it is simply asked again.
const early = typeof window.casewright.takeEarlyStatus === 'function' ? window.casewright.takeEarlyStatus() : null;
const first = early ? unwrap(early).catch(() => call('app.status', {})) : call('app.status', {});
first.then(
  (s) => {
    if (s.storeOpen) return void openApp(s);
    showLocked(s, null);
    // While the person types the passphrase, fetch React and the other screens when the window is idle, so
    // opening the store does not wait for them. Errors are left to openApp (in the app the chunks are local files).
    const prefetch = () => void loadApp().then((m) => m.prefetchScreens()).catch(() => {});
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(prefetch, { timeout: 2000 });
    else setTimeout(prefetch, 200);
  },
  (e: unknown) => showFatal(messageOf(e)),
);
