import { useEffect, useRef, useState } from 'react';
import type { CaseSummary } from '../../../../shared/domain/case';
import { call, messageOf } from '../../api';
import { Alert } from '../../ui/Field';
import { useFocusHeading } from '../../ui/useFocusHeading';

export function CaseList(props: { onOpen: (id: string) => void; onNew: () => void }) {
  const heading = useFocusHeading<HTMLHeadingElement>();
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  // Archived cases are kept but out of the working list unless asked for.
  const [showArchived, setShowArchived] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const load = () => call('cases.list', {}).then(setCases, (e) => setError(messageOf(e)));
  useEffect(() => {
    void load();
  }, []);

  const importFile = async (file: File) => {
    setError(null);
    setNotice(null);
    try {
      const c = await call('cases.importJson', { json: await file.text() });
      setNotice(`Imported case ${c.record.reference}.`);
      await load();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section aria-labelledby="cases-heading">
      <h1 id="cases-heading" ref={heading} tabIndex={-1}>
        Cases
      </h1>
      {error && <Alert kind="error">{error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      <div className="actions">
        <button type="button" className="button" onClick={props.onNew}>
          New case
        </button>
        <button type="button" className="button button--secondary" onClick={async () => {
          setError(null);
          try {
            const c = await call('cases.addDemo', {});
            setNotice(`Added the demo case ${c.record.reference}.`);
            await load();
          } catch (e) {
            setError(messageOf(e));
          }
        }}>
          Add the demo case
        </button>
        <label className="button button--secondary file-button">
          Import a case file…
          <input ref={fileInput} type="file" accept=".json,application/json" className="visually-hidden" onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importFile(f);
            e.target.value = '';
          }} />
        </label>
      </div>
      {cases !== null && cases.some((c) => c.archivedOn) && (
        <div className="checkbox">
          <input id="show-archived" type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
          <label htmlFor="show-archived">Show archived cases ({cases.filter((c) => c.archivedOn).length})</label>
        </div>
      )}
      {cases === null ? (
        <p>Loading cases…</p>
      ) : cases.length === 0 ? (
        <p>There are no cases in this store yet. Create one, or add the demo case to try Casewright out.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Cases in this store</caption>
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Council</th>
              <th scope="col">Child</th>
              <th scope="col">Complainant</th>
              <th scope="col">Last changed</th>
            </tr>
          </thead>
          <tbody>
            {cases.filter((c) => showArchived || !c.archivedOn).map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => props.onOpen(c.id)}>
                    {c.reference}
                  </button>
                  {c.archivedOn && <span className="tag tag--muted">archived</span>}
                </th>
                <td>{c.council}</td>
                <td>{c.childName}</td>
                <td>{c.complainants.join(', ')}</td>
                <td>{new Date(c.updatedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
