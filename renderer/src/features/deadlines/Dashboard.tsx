import { useEffect, useState } from 'react';
import { formatShortDate } from '../../../../shared/calendar/date';
import type { DashboardRow } from '../../../../shared/api/types';
import { call, messageOf } from '../../api';
import { Alert } from '../../ui/Field';
import { useFocusHeading } from '../../ui/useFocusHeading';
import { ClockState } from './ClockTable';

/** All cases, the nearest deadline first. */
export function Dashboard(props: { onOpen: (id: string) => void }) {
  const heading = useFocusHeading<HTMLHeadingElement>();
  const [rows, setRows] = useState<DashboardRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    call('dashboard.deadlines', {}).then(setRows, (e) => setError(messageOf(e)));
  }, []);

  return (
    <section aria-labelledby="dash-heading">
      <h1 id="dash-heading" ref={heading} tabIndex={-1}>
        Deadlines
      </h1>
      <p className="lede">Every case, ordered by its next statutory deadline.</p>
      {error && <Alert kind="error">{error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={async () => {
          setError(null);
          try {
            const r = await call('calendar.exportIcs', {});
            if (r.path) setNotice(`Saved the deadlines to ${r.path}; open it with Outlook or another calendar.`);
          } catch (e) {
            setError(messageOf(e));
          }
        }}>
          Export all deadlines to a calendar (.ics)
        </button>
      </div>
      {rows === null ? (
        <p>Loading…</p>
      ) : rows.length === 0 ? (
        <p>There are no cases yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Next deadline of each case</caption>
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Council</th>
              <th scope="col">Next deadline</th>
              <th scope="col">Due</th>
              <th scope="col">Working days left</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.caseId}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => props.onOpen(r.caseId)}>
                    {r.reference}
                  </button>
                </th>
                <td>{r.council}</td>
                <td>{r.next?.label ?? 'No open deadline'}</td>
                <td>{r.next?.due ? formatShortDate(r.next.due) : '—'}</td>
                <td>{r.next?.leftDays ?? '—'}</td>
                <td>
                  {r.next ? <ClockState clock={r.next} /> : '—'}
                  {r.overdueCount > 1 && <div className="hint">{r.overdueCount} clocks overdue</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
