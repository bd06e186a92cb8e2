import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { AppStatus } from '../../shared/api/types';
import { call, messageOf, setLockedHandler, unwrap } from './api';
import type { TabName } from './features/workspace/CaseWorkspace';
import { UnlockScreen } from './features/unlock/UnlockScreen';
import { Alert } from './ui/Field';

// The unlock screen is all the window needs at first: the screens behind it are separate chunks, fetched in the
// background once the unlock screen is up (loadScreens), so it is interactive sooner and opening a store does not
// wait for them. The PDF viewer and the rich text editor load only when first shown (EvidenceTab,
// LazyRichTextField).
const loadScreens = () =>
  Promise.all([
    import('./features/cases/CaseList'),
    import('./features/workspace/CaseWorkspace'),
    import('./features/search/SearchScreen'),
    import('./features/cases/NewCaseForm'),
    import('./features/deadlines/Dashboard'),
    import('./features/settings/SettingsScreen'),
    import('./features/review/ExchangeScreen'),
  ]);
const CaseList = lazy(() => import('./features/cases/CaseList').then((m) => ({ default: m.CaseList })));
const CaseWorkspace = lazy(() => import('./features/workspace/CaseWorkspace').then((m) => ({ default: m.CaseWorkspace })));
const SearchScreen = lazy(() => import('./features/search/SearchScreen').then((m) => ({ default: m.SearchScreen })));
const NewCaseForm = lazy(() => import('./features/cases/NewCaseForm').then((m) => ({ default: m.NewCaseForm })));
const Dashboard = lazy(() => import('./features/deadlines/Dashboard').then((m) => ({ default: m.Dashboard })));
const SettingsScreen = lazy(() => import('./features/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));
const ExchangeScreen = lazy(() => import('./features/review/ExchangeScreen').then((m) => ({ default: m.ExchangeScreen })));

export type View =
  | { name: 'cases' }
  | { name: 'dashboard' }
  | { name: 'new-case' }
  | { name: 'case'; id: string; tab?: TabName; item?: string | null; page?: number | null }
  | { name: 'settings' }
  | { name: 'exchange' }
  | { name: 'search'; query: string };

const TOUCH_EVERY_MS = 20_000;

// Asked for by public/early-status.js while this script was still loading (or, failing that, as soon as this
// module runs), so the unlock screen does not wait for a render and an effect before it knows which screen to
// show. Used once, by the first refresh.
let firstStatus: Promise<AppStatus> | null = window.casewrightEarlyStatus ? unwrap(window.casewrightEarlyStatus) : call('app.status', {});
// Taken (the e2e suite checks that it was).
if (window.casewrightEarlyStatus) window.casewrightEarlyStatus = undefined;
firstStatus.catch(() => {});

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [view, setView] = useState<View>({ name: 'cases' });
  const [lockNotice, setLockNotice] = useState<string | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  // Bumped on every lock so that every screen below is thrown away, not just hidden.
  const [sessionKey, setSessionKey] = useState(0);
  const lastTouch = useRef(0);

  const refresh = useCallback(() => {
    const asked = firstStatus ?? call('app.status', {});
    firstStatus = null;
    asked.then(setStatus, (e) => setFatal(messageOf(e)));
  }, []);

  // Set once the screen knows the store is locked, so a late call that finds it locked does not change the reason.
  const knownLocked = useRef(false);
  const locked = useCallback((reason: 'idle' | 'user' | 'unknown') => {
    if (reason === 'unknown' && knownLocked.current) return;
    knownLocked.current = true;
    setSessionKey((k) => k + 1);
    setView({ name: 'cases' });
    setLockNotice(
      reason === 'idle'
        ? 'Casewright locked the case store because it was not used for a while. Enter your passphrase to carry on.'
        : reason === 'unknown'
          ? 'The case store is locked. Enter your passphrase to carry on.'
          : null,
    );
    refresh();
  }, [refresh]);

  useEffect(() => {
    if (status?.storeOpen) knownLocked.current = false;
  }, [status?.storeOpen]);

  // Once the first screen is up, fetch the others while the person types the passphrase.
  const prefetched = useRef(false);
  useEffect(() => {
    if (!status || prefetched.current) return;
    prefetched.current = true;
    // When the window is idle, so it does not hold up the first screen. Errors are left to the screen that needs
    // the chunk (in the app the chunks are local files).
    const load = () => void loadScreens().catch(() => {});
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(load, { timeout: 2000 });
    else setTimeout(load, 200);
  }, [status]);

  useEffect(() => {
    refresh();
    // A call that finds the store locked does not know why (idle, another window): it says only that it is.
    setLockedHandler(() => locked('unknown'));
    const off = window.casewright.onEvent((e) => {
      if (e.type === 'locked') locked(e.reason);
    });
    return off;
  }, [refresh, locked]);

  // Keyboard and pointer activity keep the store open; the idle lock itself runs in the main process.
  useEffect(() => {
    if (!status?.storeOpen) return;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastTouch.current < TOUCH_EVERY_MS) return;
      lastTouch.current = now;
      void window.casewright['session.touch']({});
    };
    window.addEventListener('keydown', onActivity, true);
    window.addEventListener('pointerdown', onActivity, true);
    return () => {
      window.removeEventListener('keydown', onActivity, true);
      window.removeEventListener('pointerdown', onActivity, true);
    };
  }, [status?.storeOpen]);

  if (fatal) {
    return (
      <main className="page">
        <h1>Casewright could not start</h1>
        <Alert kind="error">{fatal}</Alert>
      </main>
    );
  }
  if (!status) return <p className="page">Loading…</p>;

  if (!status.storeOpen) {
    return (
      <UnlockScreen
        key={sessionKey}
        status={status}
        notice={lockNotice}
        onOpened={(s) => {
          setLockNotice(null);
          setStatus(s);
          setView({ name: 'cases' });
        }}
      />
    );
  }

  const go = (v: View) => setView(v);
  const navItem = (label: string, target: View, current: boolean) => (
    <li>
      <button type="button" className="nav-link" aria-current={current ? 'page' : undefined} onClick={() => go(target)}>
        {label}
      </button>
    </li>
  );

  return (
    <div className="shell" key={sessionKey}>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="topbar">
        <span className="brand">Casewright</span>
        <nav aria-label="Main">
          <ul>
            {navItem('Cases', { name: 'cases' }, view.name === 'cases' || view.name === 'case' || view.name === 'new-case')}
            {navItem('Deadlines', { name: 'dashboard' }, view.name === 'dashboard')}
            {navItem('Review exchange', { name: 'exchange' }, view.name === 'exchange')}
            {navItem('Settings', { name: 'settings' }, view.name === 'settings')}
          </ul>
        </nav>
        <form role="search" className="search-form" onSubmit={(e) => {
          e.preventDefault();
          const q = new FormData(e.currentTarget).get('q');
          if (typeof q === 'string' && q.trim()) go({ name: 'search', query: q.trim() });
        }}>
          <label htmlFor="global-search" className="visually-hidden">
            Search all cases
          </label>
          <input id="global-search" name="q" type="search" placeholder="Search all cases" />
          <button type="submit" className="button button--secondary">
            Search
          </button>
        </form>
        <span className="store-name" title={status.storePath ?? ''}>
          {status.storePath?.split(/[\\/]/).pop()}
        </span>
        <button type="button" className="button button--secondary" onClick={() => void call('store.lock', {}).then(() => locked('user'))}>
          Lock
        </button>
      </header>
      <main id="main" className="page">
        {status.notice && <Alert kind="info">{status.notice}</Alert>}
        <Suspense fallback={<p role="status">Loading…</p>}>
        {view.name === 'cases' && <CaseList onOpen={(id) => go({ name: 'case', id })} onNew={() => go({ name: 'new-case' })} />}
        {view.name === 'new-case' && <NewCaseForm onCreated={(id) => go({ name: 'case', id })} onCancel={() => go({ name: 'cases' })} />}
        {view.name === 'case' && <CaseWorkspace key={`${view.id}-${view.tab ?? ''}-${view.item ?? ''}`} id={view.id} initialTab={view.tab} focusItem={view.item ?? null} focusPage={view.page ?? null} onBack={() => go({ name: 'cases' })} />}
        {view.name === 'search' && <SearchScreen key={view.query} query={view.query} onOpen={(id, tab, item, page) => go({ name: 'case', id, tab, item, page })} />}
        {view.name === 'dashboard' && <Dashboard onOpen={(id) => go({ name: 'case', id })} />}
        {view.name === 'settings' && <SettingsScreen />}
        {view.name === 'exchange' && <ExchangeScreen onOpenCase={(id) => go({ name: 'case', id, tab: 'Review' })} />}
        </Suspense>
      </main>
    </div>
  );
}
