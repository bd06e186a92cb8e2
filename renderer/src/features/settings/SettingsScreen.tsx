import { useEffect, useState, type FormEvent } from 'react';
import type { VerifyResult } from '../../../../shared/api/types';
import { call, messageOf } from '../../api';
import { Alert, Field } from '../../ui/Field';
import { useFocusHeading } from '../../ui/useFocusHeading';
import { BackupSection } from '../backup/BackupSection';

export function SettingsScreen() {
  const heading = useFocusHeading<HTMLHeadingElement>();
  return (
    <section aria-labelledby="settings-heading">
      <h1 id="settings-heading" ref={heading} tabIndex={-1}>
        Settings
      </h1>
      <IdleLock />
      <ChangePassphrase />
      <VerifyStore />
      <BackupSection />
    </section>
  );
}

function IdleLock() {
  const [minutes, setMinutes] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  useEffect(() => {
    call('settings.get', {}).then((s) => setMinutes(String(s.idleLockMinutes)), (e) => setMessage({ kind: 'error', text: messageOf(e) }));
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(minutes);
    if (!/^\d+$/.test(minutes.trim()) || n < 1 || n > 240) return setMessage({ kind: 'error', text: 'Enter a whole number of minutes from 1 to 240.' });
    try {
      const s = await call('settings.update', { idleLockMinutes: n });
      setMessage({ kind: 'success', text: `The store now locks after ${s.idleLockMinutes} minutes without use.` });
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="idle-heading">
      <h2 id="idle-heading">Automatic lock</h2>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <Field label="Lock the store after this many minutes without use" hint="From 1 to 240 minutes; 15 is the default.">
        {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} />}
      </Field>
      <button type="submit" className="button">
        Save
      </button>
    </form>
  );
}

function ChangePassphrase() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== confirm) return setMessage({ kind: 'error', text: 'The two new passphrases differ; type the same one in both boxes.' });
    try {
      await call('store.changePassphrase', { current, next });
      setMessage({ kind: 'success', text: 'The passphrase was changed. Use the new one from now on.' });
      setCurrent('');
      setNext('');
      setConfirm('');
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="pass-heading">
      <h2 id="pass-heading">Change the passphrase</h2>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <Field label="Current passphrase">
        {({ id }) => <input id={id} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />}
      </Field>
      <Field label="New passphrase" hint="At least 12 characters.">
        {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />}
      </Field>
      <Field label="Type the new passphrase again">
        {({ id }) => <input id={id} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />}
      </Field>
      <button type="submit" className="button">
        Change the passphrase
      </button>
    </form>
  );
}

function VerifyStore() {
  const [result, setResult] = useState<{ kind: 'error' | 'success'; text: string; lines: string[] } | null>(null);
  const [canAccept, setCanAccept] = useState(false);
  const show = (r: VerifyResult) => {
    setCanAccept(r.differsFromDevice);
    setResult(
      r.ok
        ? { kind: 'success', text: 'No problems found.', lines: r.notes }
        : { kind: 'error', text: `${r.problems.length === 1 ? 'One problem' : `${r.problems.length} problems`} found:`, lines: [...r.problems, ...r.notes] },
    );
  };
  return (
    <section aria-labelledby="verify-heading">
      <h2 id="verify-heading">Check the store</h2>
      <p>
        Runs SQLite's integrity check, checks that the audit trail has not been altered, that every case, file and issued
        document matches its latest audit entry, that every piece of evidence still has its file, and that the trail still holds everything this device last saw.
      </p>
      {result && (
        <Alert kind={result.kind}>
          {result.text}
          {result.lines.length > 0 && (
            <ul>
              {result.lines.map((l, i) => <li key={i}>{l}</li>)}
            </ul>
          )}
        </Alert>
      )}
      <button type="button" className="button button--secondary" onClick={async () => {
        try {
          show(await call('store.verify', {}));
        } catch (e) {
          setResult({ kind: 'error', text: messageOf(e), lines: [] });
        }
      }}>
        Check the store now
      </button>
      {canAccept && (
        <>
          <p>
            If you put back an older copy of this store on purpose (a backup), you can accept its audit trail as it is
            now. The acceptance is itself recorded in the audit trail.
          </p>
          <button type="button" className="button button--secondary" onClick={async () => {
            try {
              show(await call('store.acceptAuditLog', {}));
            } catch (e) {
              setResult({ kind: 'error', text: messageOf(e), lines: [] });
            }
          }}>
            I put back an older copy on purpose: accept it
          </button>
        </>
      )}
    </section>
  );
}
