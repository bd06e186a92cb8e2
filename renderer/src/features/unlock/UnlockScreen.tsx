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

function OpenStore(props: { status: AppStatus; onOpened: (s: AppStatus) => void }) {
  const [path, setPath] = useState(props.status.recentStores[0]?.path ?? '');
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
      props.onOpened(await call('store.open', { path, passphrase, remember }));
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
      <Field label="Case store file" hint="The .cwstore file that holds your cases.">
        {({ id, describedBy }) => (
          <div className="row">
            <input id={id} aria-describedby={describedBy} value={path} onChange={(e) => setPath(e.target.value)} list="recent-stores" autoComplete="off" spellCheck={false} />
            <button type="button" className="button button--secondary" onClick={async () => {
              const r = await call('store.choosePath', { mode: 'open' }).catch(() => ({ path: null }));
              if (r.path) setPath(r.path);
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
  const [path, setPath] = useState('');
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
    if (!path) return setError('Choose where to save the new case store.');
    if (passphrase !== confirm) return setError('The two passphrases differ; type the same passphrase in both boxes.');
    setBusy(true);
    try {
      props.onOpened(await call('store.create', { path, passphrase, ownerName, demo }));
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
      <Field label="Save the store as" hint="A new .cwstore file; keep it on an encrypted disk you control.">
        {({ id, describedBy }) => (
          <div className="row">
            <input id={id} aria-describedby={describedBy} value={path} onChange={(e) => setPath(e.target.value)} autoComplete="off" spellCheck={false} />
            <button type="button" className="button button--secondary" onClick={async () => {
              const r = await call('store.choosePath', { mode: 'create' }).catch(() => ({ path: null }));
              if (r.path) setPath(r.path);
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
