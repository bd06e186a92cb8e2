import { lazy, Suspense, useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ReceivedHearing } from '../../../../shared/exchange/papers';
import { call, messageOf } from '../../api';
import { Alert, Field } from '../../ui/Field';

const FileViewer = lazy(() => import('../../ui/FileViewer').then((m) => ({ default: m.FileViewer })));

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/**
 * On the Review exchange screen of a panel member's Casewright: the hearing packs and papers received, by
 * hearing, newest package first (older ones kept), each opened in the app's viewer or saved where the person
 * chooses. They stay inside the encrypted store until then.
 */
export function PapersReceived({ refresh }: { refresh: number }) {
  const [hearings, setHearings] = useState<ReceivedHearing[]>([]);
  const [viewing, setViewing] = useState<string | null>(null);
  // `focus`: the message takes focus (after a deletion, whose form has gone from under the keyboard).
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string; focus?: boolean } | null>(null);
  const load = useCallback(() => {
    call('papers.received', {}).then(setHearings, (e) => setMessage({ kind: 'error', text: messageOf(e) }));
  }, []);
  useEffect(load, [load, refresh]);
  const save = async (id: string, title: string) => {
    try {
      const r = await call('papers.export', { id });
      if (r.path) setMessage({ kind: 'success', text: `${title} was saved to ${r.path}.` });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  };
  return (
    <section aria-labelledby="papers-heading">
      <h2 id="papers-heading">Papers received</h2>
      {message && <Alert kind={message.kind} focus={message.focus ?? false}>{message.text}</Alert>}
      {hearings.length === 0 ? (
        <p>No hearing papers yet. When a complaints team sends you the papers for a review panel, open their package above.</p>
      ) : (
        hearings.map((h) => (
          <div key={h.key}>
            <table className="table">
              <caption>
                Case {h.reference}, {h.hearingDate ? `hearing on ${h.hearingDate}` : 'hearing date not fixed yet'}, from {h.from.name}
                {h.from.organisation ? ` (${h.from.organisation})` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Paper</th>
                  <th scope="col">SHA-256</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {h.deliveries.flatMap((d) =>
                  d.papers.map((p, i) => (
                    <tr key={p.id}>
                      {i === 0 && (
                        <th scope="row" rowSpan={d.papers.length}>
                          {d.newest ? `Version ${d.version} (newest)` : `Version ${d.version} (earlier)`}
                          <br />
                          Sent {when(d.sentAt)}, for {d.memberName}
                        </th>
                      )}
                      <td>
                        {p.title}, {p.pages} pages
                      </td>
                      <td>
                        <span className="fingerprint">{p.sha256.slice(0, 16)}…</span> {p.matchesManifest ? 'matches the sender’s manifest' : 'does not match the sender’s manifest'}
                      </td>
                      <td>
                        <button type="button" className="button button--secondary" onClick={() => setViewing(p.id)} aria-label={`View ${p.title}, version ${d.version}`}>
                          View
                        </button>{' '}
                        <button type="button" className="button button--secondary" onClick={() => void save(p.id, p.title)} aria-label={`Save a copy of ${p.title}, version ${d.version}`}>
                          Save a copy…
                        </button>
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
            <DeleteHearing hearing={h} onDeleted={(text) => {
              setViewing(null);
              setMessage({ kind: 'success', text, focus: true });
              load();
            }} />
          </div>
        ))
      )}
      {viewing && (
        <Suspense fallback={<p>Loading the viewer…</p>}>
          <FileViewer key={viewing} paperId={viewing} onClose={() => setViewing(null)} />
        </Suspense>
      )}
    </section>
  );
}

/**
 * Deleting a hearing's papers once the panel no longer needs them: every version, confirmed by typing the case
 * reference (as deleting a case is). The audit log keeps titles and digests of what went, nothing else.
 */
function DeleteHearing(props: { hearing: ReceivedHearing; onDeleted: (message: string) => void }) {
  const h = props.hearing;
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const remove = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await call('papers.deleteHearing', { hearing: h.key, confirmReference: typed });
      props.onDeleted(`The papers for case ${r.reference} were deleted from this store (${r.papers} paper${r.papers === 1 ? '' : 's'} in ${r.packages} package${r.packages === 1 ? '' : 's'}).`);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form onSubmit={remove} noValidate className="item-card" aria-label={`Delete the papers for case ${h.reference}`}>
      {error && <Alert kind="error" focus>{error}</Alert>}
      <p>
        Once the panel has met and sent its report, delete these papers from your laptop: the council keeps the record. Every version goes; it
        cannot be undone, and this store's audit trail records what was deleted, when and by whom.
      </p>
      <Field label={`Type the case reference (${h.reference}) to delete its papers`}>
        {({ id }) => <input id={id} value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />}
      </Field>
      <button type="submit" className="button button--warning">
        Delete the papers for case {h.reference}
      </button>
    </form>
  );
}
