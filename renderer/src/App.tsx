import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { AppStatus } from '../../shared/api/types';
import { call, type LockReason } from './api';
import type { TabName } from './features/workspace/CaseWorkspace';
import { Alert } from './ui/Field';

// The app for an open store (the unlock screen is the shell's, main.ts). Each screen is a chunk of its own,
// fetched in the background while the unlock screen is up (loadScreens), so opening a store does not wait for
// them. The PDF viewer and the rich text editor load only when first shown (EvidenceTab, LazyRichTextField).
export const loadScreens = () =>
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

/** The app once the store is open; `onLocked` hands the window back to the shell's unlock screen. */
export function App(props: { status: AppStatus; onLocked: (reason: LockReason) => void }) {
  const { status, onLocked } = props;
  const [view, setView] = useState<View>({ name: 'cases' });
  const lastTouch = useRef(0);

  // Keyboard and pointer activity keep the store open; the idle lock itself runs in the main process.
  useEffect(() => {
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
  }, []);

  const go = (v: View) => setView(v);
  const navItem = (label: string, target: View, current: boolean) => (
    <li>
      <button type="button" className="nav-link" aria-current={current ? 'page' : undefined} onClick={() => go(target)}>
        {label}
      </button>
    </li>
  );

  return (
    <div className="shell">
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
        <button type="button" className="button button--secondary" onClick={() => void call('store.lock', {}).then(() => onLocked('user'))}>
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
