import { useState, type FormEvent } from 'react';
import type { AppStatus } from '../../../../shared/api/types';
import { call, messageOf } from '../../api';
import { Alert, Field } from '../../ui/Field';
import { useFocusHeading } from '../../ui/useFocusHeading';

/** The only screen shown while the store is locked: open an existing store or create a new one. */
export function UnlockScreen(props: { status: AppStatus; notice: string | null; onOpened: (s: AppStatus) => void }) {
  const heading = useFocusHeading<HTMLHeadingElement>();
  const [mode, setMode] = useState<'open' | 'create'>(props.status.recentStores.length > 0 ? 'open' : 'create');
  return (
    <main className="page page--narrow" id="main">
      <h1 ref={heading} tabIndex={-1}>
        Casewright
      </h1>
      <p className="lede">Your case store is encrypted. Nothing about a case can be seen until you unlock it.</p>
      {props.notice && <Alert kind="info">{props.notice}</Alert>}
      <div className="tabs" role="group" aria-label="Choose what to do">
        <button type="button" className="button button--secondary" aria-pressed={mode === 'open'} onClick={() => setMode('open')}>
          Open a case store
        </button>
        <button type="button" className="button button--secondary" aria-pressed={mode === 'create'} onClick={() => setMode('create')}>
          Create a new case store
        </button>
      </div>
      {mode === 'open' ? <OpenStore status={props.status} onOpened={props.onOpened} /> : <CreateStore onOpened={props.onOpened} />}
    </main>
  );
}

/** What the dialog returned: the token main accepts for the chosen file, and its path for showing. */
const NO_CHOICE = { token: null, path: null };

/**
 * Main only opens a file chosen in its own dialog (named by the token it returned) or one from the recent-stores
 * list (named by its path); a typed path that is neither is refused with a sentence, shown like any other error.
 */
function OpenStore(props: { status: AppStatus; onOpened: (s: AppStatus) => void }) {
  const [path, setPath] = useState(props.status.recentStores[0]?.path ?? '');
  // The token for `path` when it came from the dialog; cleared as soon as the path is edited by hand.
  const [token, setToken] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remembered = props.status.recentStores.find((r) => r.path === path)?.remembered ?? false;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!path) return setError('Choose the case store file to open.');
    if (!passphrase) return setError('Enter the passphrase for this case store.');
    setBusy(true);
    try {
      props.onOpened(await call('store.open', token ? { token, passphrase, remember } : { path, passphrase, remember }));
    } catch (err) {
      setError(messageOf(err));
      setPassphrase('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="open-heading">
      <h2 id="open-heading">Open a case store</h2>
      {error && <Alert kind="error">{error}</Alert>}
      <Field label="Case store file" hint="The .cwstore file that holds your cases: one you opened before, or choose it with Browse….">
        {({ id, describedBy }) => (
          <div className="row">
            <input id={id} aria-describedby={describedBy} value={path} onChange={(e) => {
              setPath(e.target.value);
              setToken(null);
            }} list="recent-stores" autoComplete="off" spellCheck={false} />
            <button type="button" className="button button--secondary" onClick={async () => {
              const r = await call('store.choosePath', { mode: 'open' }).catch(() => NO_CHOICE);
              if (r.path && r.token) {
                setPath(r.path);
                setToken(r.token);
              }
            }}>
              Browse…
            </button>
          </div>
        )}
      </Field>
      <datalist id="recent-stores">
        {props.status.recentStores.map((r) => (
          <option key={r.path} value={r.path} />
        ))}
      </datalist>
      <Field label="Passphrase">
        {({ id, describedBy }) => (
          <input id={id} aria-describedby={describedBy} type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="current-password" />
        )}
      </Field>
      {props.status.rememberAvailable && (
        <div className="checkbox">
          <input id="remember" type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          <label htmlFor="remember">Remember the passphrase on this device (uses your computer's keychain; anyone who can sign in to this computer as you could open the store)</label>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
        {remembered && (
          <button type="button" className="button button--secondary" onClick={async () => {
            setError(null);
            try {
              props.onOpened(await call('store.openRemembered', { path }));
            } catch (err) {
              setError(messageOf(err));
            }
          }}>
            Unlock with the remembered passphrase
          </button>
        )}
      </div>
    </form>
  );
}

function CreateStore(props: { onOpened: (s: AppStatus) => void }) {
  // Where to save is only ever chosen in main's save dialog: the box shows its path, the token names it.
  const [chosen, setChosen] = useState<{ token: string; path: string } | null>(null);
  const [ownerName, setOwnerName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [demo, setDemo] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!ownerName.trim()) return setError('Enter your name; it is recorded against every change you make.');
    if (!chosen) return setError('Choose where to save the new case store with Choose….');
    if (passphrase !== confirm) return setError('The two passphrases differ; type the same passphrase in both boxes.');
    setBusy(true);
    try {
      props.onOpened(await call('store.create', { token: chosen.token, passphrase, ownerName, demo }));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="create-heading">
      <h2 id="create-heading">Create a new case store</h2>
      {error && <Alert kind="error">{error}</Alert>}
      <Field label="Your name" hint="Shown in the audit log against each change.">
        {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} value={ownerName} onChange={(e) => setOwnerName(e.target.value)} autoComplete="name" />}
      </Field>
      <Field label="Save the store as" hint="A new .cwstore file, chosen with Choose…; keep it on an encrypted disk you control.">
        {({ id, describedBy }) => (
          <div className="row">
            <input id={id} aria-describedby={describedBy} value={chosen?.path ?? ''} readOnly placeholder="Not chosen yet" autoComplete="off" spellCheck={false} />
            <button type="button" className="button button--secondary" onClick={async () => {
              const r = await call('store.choosePath', { mode: 'create' }).catch(() => NO_CHOICE);
              if (r.path && r.token) setChosen({ token: r.token, path: r.path });
            }}>
              Choose…
            </button>
          </div>
        )}
      </Field>
      <Field label="Passphrase" hint="At least 12 characters. A short sentence you will remember works well. It cannot be recovered if lost.">
        {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" />}
      </Field>
      <Field label="Type the passphrase again">
        {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" />}
      </Field>
      <div className="checkbox">
        <input id="demo" type="checkbox" checked={demo} onChange={(e) => setDemo(e.target.checked)} />
        <label htmlFor="demo">Include the demo case (fictional, for training and trying Casewright out)</label>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Creating…' : 'Create the case store'}
        </button>
      </div>
    </form>
  );
}
