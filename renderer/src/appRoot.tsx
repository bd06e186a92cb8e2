import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AppStatus } from '../../shared/api/types';
import type { LockReason } from './api';
import { App, loadScreens } from './App';

// React and the screens behind the unlock screen: loaded by the shell (main.ts) in the background, mounted once
// the store is open, unmounted on every lock.

/** Mounts the app for an open store into `container`; returns what unmounts it. */
export function mountApp(container: HTMLElement, status: AppStatus, onLocked: (reason: LockReason) => void): () => void {
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <App status={status} onLocked={onLocked} />
    </StrictMode>,
  );
  return () => root.unmount();
}

/** Fetches the screens' chunks ahead of need (while the person types the passphrase). */
export const prefetchScreens = loadScreens;
