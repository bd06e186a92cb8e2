import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { BackupInfo, BackupKind, BackupList } from '../../../../shared/api/types';
import { call, messageOf } from '../../api';
import { Alert, Field } from '../../ui/Field';

const KIND_LABELS: Record<BackupKind, string> = {
  daily: 'Daily',
  'before-migration': 'Before an update of the store',
  'before-passphrase': 'Before a passphrase change',
  'before-restore': 'Before a restore',
  manual: 'Made on request',
};

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const megabytes = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

type Message = { kind: 'error' | 'success' | 'info'; text: string } | null;

/** Settings → Backups: where they go, make one now, and restore one (the store is backed up first). */
export function BackupSection() {
  const [list, setList] = useState<(BackupList & { problem: string | null }) | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    call('backup.list', {}).then(setList, (e) => setMessage({ kind: 'error', text: messageOf(e) }));
  }, []);
  useEffect(load, [load]);

  const act = async (fn: () => Promise<Message>) => {
    setBusy(true);
    try {
      setMessage(await fn());
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
      load();
    }
  };

  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">Backups</h2>
      <p>
        Casewright makes an encrypted backup on each day you use the store (it keeps 7 daily and 4 weekly ones), and before every passphrase change, update
        of the store and restore. <strong>A backup opens with the passphrase the store had when the backup was made.</strong>
      </p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {list?.problem && <Alert kind="error">The last automatic backup failed: {list.problem}</Alert>}
      {list && (
        <p>
          Backups are kept in <code>{list.folder}</code>
          {list.isDefault ? ' (beside the store).' : '.'}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void act(async () => ({ kind: 'success', text: `Backup made: ${(await call('backup.create', {})).name}.` }))}>
          Make a backup now
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void act(async () => {
          const r = await call('backup.chooseFolder', {});
          return { kind: 'info', text: `Backups now go to ${r.folder}.` };
        })}>
          Choose another backup folder
        </button>
        {list && !list.isDefault && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void act(async () => {
            const r = await call('backup.setFolder', { folder: null });
            return { kind: 'info', text: `Backups now go beside the store, to ${r.folder}.` };
          })}>
            Keep backups beside the store
          </button>
        )}
      </div>
      {list && list.backups.length === 0 && <p>There are no backups in this folder yet.</p>}
      {list && list.backups.length > 0 && (
        <table className="table">
          <caption>Backups of this store, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Made</th>
              <th scope="col">Why</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.backups.map((b) => (
              <tr key={b.file}>
                <td>{when(b.createdAt)}</td>
                <td>{KIND_LABELS[b.kind]}</td>
                <td>{megabytes(b.size)}</td>
                <td>
                  <button type="button" className="button button--secondary" aria-label={`Restore the backup made ${when(b.createdAt)}`} disabled={busy} onClick={() => setRestoring(b)}>
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {restoring && (
        <RestoreForm
          backup={restoring}
          busy={busy}
          onCancel={() => setRestoring(null)}
          onRestore={(passphrase) =>
            void act(async () => {
              const r = await call('backup.restore', { file: restoring.file, passphrase });
              setRestoring(null);
              return { kind: 'success', text: r.notice ?? 'The backup was restored.' };
            })
          }
        />
      )}
    </section>
  );
}

function RestoreForm(props: { backup: BackupInfo; busy: boolean; onCancel: () => void; onRestore: (passphrase: string) => void }) {
  const [passphrase, setPassphrase] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onRestore(passphrase);
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="restore-heading">
      <h3 id="restore-heading">Restore the backup made {when(props.backup.createdAt)}</h3>
      <p>
        The store will be replaced by this backup; everything saved since it was made is set aside. The store as it is now is backed up first, so this can be undone by
        restoring that backup. After the restore, the store opens with the passphrase it had when this backup was made.
      </p>
      <Field label="Passphrase of this backup" hint={`The passphrase the store had on ${when(props.backup.createdAt)}.`}>
        {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={props.busy}>
          Restore this backup
        </button>
        <button type="button" className="button button--secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
