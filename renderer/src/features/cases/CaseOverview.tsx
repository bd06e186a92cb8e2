import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { showDate } from '../../../../shared/calendar/readDate';
import { dateOrEmpty, dateValue } from '../../ui/validators';
import type { ClockView } from '../../../../shared/clock/caseClocks';
import { KEY_DATE_LABELS, KEY_DATE_NAMES, PROCEDURES } from '../../../../shared/clock/profiles';
import type { AuditView } from '../../../../shared/api/types';
import type { StoredCase } from '../../../../shared/domain/case';
import { call, messageOf } from '../../api';
import { Alert, Field } from '../../ui/Field';
import { ClockTable } from '../deadlines/ClockTable';
import { ExtensionForm } from '../deadlines/ExtensionForm';
import { CaseDetailsForm } from './CaseDetailsForm';
import { RichTextField } from '../../ui/LazyRichTextField';
import { CouncilProfileForm } from './CouncilProfileForm';
import type { CaseEditor } from '../workspace/useCaseEditor';

/** A form's save, queued with the workspace's autosaves (useCaseEditor.commit). */
export type CommitSave = (request: (current: StoredCase) => Promise<StoredCase>) => Promise<StoredCase>;

/**
 * One case: who and what, its points, its key dates and every clock, extensions and the audit trail. It shows
 * the workspace editor's record and saves through its queue, so the other tabs never fall a revision behind.
 */
export function CaseOverview(props: { editor: CaseEditor; onDeleted: () => void }) {
  const { editor } = props;
  const stored = editor.stored;
  const id = stored?.id ?? '';
  const revision = stored?.revision ?? 0;
  const [clocks, setClocks] = useState<ClockView[]>([]);
  const [audit, setAudit] = useState<AuditView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // The clocks and the audit trail follow the record: fetched again whenever its revision changes.
  const load = useCallback(async () => {
    if (!id) return;
    try {
      const [k, a] = await Promise.all([call('cases.deadlines', { id }), call('cases.audit', { id })]);
      setClocks(k);
      setAudit(a);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load, revision]);

  /** Saves through the workspace's queue; the form shows a refusal itself, and keeps what was typed. */
  const submit =
    (message: string): CommitSave =>
    async (request) => {
      const c = await editor.commit(request);
      setNotice(message);
      setError(null);
      return c;
    };

  if (!stored) return <section>{error ?? editor.error ? <Alert kind="error">{error ?? editor.error}</Alert> : <p>Loading…</p>}</section>;
  const r = stored.record;
  const roles: [string, { name: string } | null][] = [
    ['Investigating officer', r.roles.investigatingOfficer],
    ['Independent person', r.roles.independentPerson],
    ['Adjudicating officer', r.roles.adjudicatingOfficer],
    ['Complaints manager', r.roles.complaintsManager],
  ];

  return (
    <div>
      {error && <Alert kind="error" focus>{error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}

      <section aria-labelledby="who-heading">
        <h2 id="who-heading">The case</h2>
        <dl className="facts">
          <dt>Commissioning council</dt>
          <dd>{r.council.name}</dd>
          <dt>Procedure</dt>
          <dd>{PROCEDURES[r.council.procedure].label}</dd>
          <dt>Team complained about</dt>
          <dd>{r.teamComplainedAbout || '—'}</dd>
          <dt>Child or young person</dt>
          <dd>
            {r.child.name}
            {r.child.legalStatus && ` (${r.child.legalStatus})`}
          </dd>
          <dt>Complainant{r.complainants.length > 1 ? 's' : ''}</dt>
          <dd>{r.complainants.map((c) => `${c.name} (${c.relationshipToChild})`).join('; ')}</dd>
          <dt>Advocate</dt>
          <dd>{r.advocate ? `${r.advocate.name}${r.advocate.organisation ? `, ${r.advocate.organisation}` : ''}: written consent ${r.advocate.writtenConsentHeld ? 'held' : 'not held'}` : 'None'}</dd>
          {r.representative && (
            <>
              <dt>Representative</dt>
              <dd>{`${r.representative.name}: written consent ${r.representative.writtenConsentHeld ? 'held' : 'not held'}`}</dd>
            </>
          )}
          {roles.map(([label, p]) => (
            <div key={label} className="facts__pair">
              <dt>{label}</dt>
              <dd>{p?.name ?? 'Not yet appointed'}</dd>
            </div>
          ))}
        </dl>
      </section>

      <details className="details-form">
        <summary>Change the case details (names, addresses, people in roles)</summary>
        <CaseDetailsForm key={stored.revision} stored={stored} save={submit('The case details were saved.')} />
      </details>

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">What the complaint is about</h2>
        <RichTextField
          label="Case summary"
          hint="A few sentences for the background section of the investigation report."
          value={r.summary}
          maxLength={5000}
          people={r.people}
          onSave={(doc) => editor.save((rec) => ({ ...rec, summary: doc }))}
        />
      </section>

      <section aria-labelledby="points-heading">
        <h2 id="points-heading">Points of complaint</h2>
        {r.points.length === 0 ? (
          <p>No points recorded yet.</p>
        ) : (
          <ol className="points">
            {r.points.map((p) => (
              <li key={p.number} value={p.number}>
                <p>{p.summary}</p>
                {p.desiredOutcomes.length > 0 && <p className="hint">Outcome sought: {p.desiredOutcomes.join('; ')}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="clocks-heading">
        <h2 id="clocks-heading">Statutory clocks</h2>
        <ClockTable clocks={clocks} caption={`Clocks for case ${r.reference}`} />
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={async () => {
            try {
              const res = await call('calendar.exportIcs', { id: stored.id });
              if (res.path) setNotice(`Saved the deadlines to ${res.path}.`);
            } catch (e) {
              setError(messageOf(e));
            }
          }}>
            Export this case's deadlines (.ics)
          </button>
        </div>
      </section>

      <KeyDatesForm stored={stored} save={submit('The key dates were saved.')} />

      <CouncilProfileForm key={stored.revision} stored={stored} save={submit('The council profile was saved.')} />

      <ExtensionForm stored={stored} clocks={clocks} save={submit('The extension was recorded.')} />

      <LateReasons clocks={clocks} save={submit('The reason was saved.')} />

      <section aria-labelledby="export-heading">
        <h2 id="export-heading">Case file</h2>
        <button type="button" className="button button--secondary" onClick={async () => {
          try {
            const res = await call('cases.exportFile', { id: stored.id });
            if (res.path) setNotice(`Exported the case to ${res.path}. The file is not encrypted: keep it safe.`);
          } catch (e) {
            setError(messageOf(e));
          }
        }}>
          Export the case file (JSON)
        </button>
      </section>

      <ArchiveOrDelete stored={stored} save={submit(stored.record.archivedOn ? 'The case is back among the active cases.' : 'The case was archived.')} onDeleted={props.onDeleted} />

      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit trail</h2>
        <table className="table">
          <caption className="visually-hidden">Changes to this case</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {audit.map((a) => (
              <tr key={a.seq}>
                <td>{new Date(a.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</td>
                <td>{a.actor}</td>
                <td>{a.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

/**
 * Archive (kept, out of the working lists) or delete for good. Deleting is stated against the retention rules
 * and confirmed by typing the reference; the audit log records that it happened and by whom, nothing more.
 */
function ArchiveOrDelete(props: { stored: StoredCase; save: CommitSave; onDeleted: () => void }) {
  const r = props.stored.record;
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const archive = async () => {
    try {
      setError(null);
      await props.save((cur) => call('cases.update', { id: cur.id, revision: cur.revision, record: { ...cur.record, archivedOn: cur.record.archivedOn ? null : todayIso() } }));
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const remove = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setError(null);
      await call('cases.delete', { id: props.stored.id, confirmReference: typed });
      props.onDeleted();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <section aria-labelledby="retain-heading">
      <h2 id="retain-heading">Archive or delete this case</h2>
      {error && <Alert kind="error" focus>{error}</Alert>}
      <p>
        {r.archivedOn ? `Archived on ${showDate(r.archivedOn)}. ` : ''}Archiving keeps everything but takes the case off the working lists; it can be brought back at any time.
      </p>
      <button type="button" className="button button--secondary" onClick={() => void archive()}>
        {r.archivedOn ? 'Return the case to the active cases' : 'Archive this case'}
      </button>
      <form onSubmit={remove} noValidate className="item-card">
        <h3>Delete for good</h3>
        <p>
          Keep a case for as long as the commissioning council’s retention schedule says, and delete it from your laptop once the council
          holds its own copy of the records (hand the case over or export the case file first). Deleting removes the case, its files and its
          issued documents from this store; it cannot be undone, and the audit trail records that it was deleted, when and by whom.
        </p>
        <Field label={`Type the case reference (${r.reference}) to confirm`}>
          {({ id }) => <input id={id} value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />}
        </Field>
        <button type="submit" className="button button--warning">
          Delete case {r.reference} for good
        </button>
      </form>
    </section>
  );
}

/** Today's date as YYYY-MM-DD on this machine (archiving needs only the day). */
const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function KeyDatesForm(props: { stored: StoredCase; save: CommitSave }) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(KEY_DATE_NAMES.map((k) => [k, showDate(props.stored.record.keyDates[k])])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const bad: Record<string, string> = {};
    for (const k of KEY_DATE_NAMES) {
      const v = values[k]?.trim() ?? '';
      const problem = dateOrEmpty(v);
      if (problem) bad[k] = problem;
    }
    setErrors(bad);
    if (Object.keys(bad).length > 0) return setError('Some dates need correcting; each is marked below.');
    setError(null);
    const keyDates = Object.fromEntries(KEY_DATE_NAMES.map((k) => [k, dateValue(values[k] ?? '')]));
    try {
      await props.save((cur) => call('cases.update', { id: cur.id, revision: cur.revision, record: { ...cur.record, keyDates } }));
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="dates-heading">
      <h2 id="dates-heading">Key dates</h2>
      <p className="hint">Write dates as you would in a letter, for example 24/08/2026 or 24 August 2026. Leave a date empty until it happens.</p>
      {error && <Alert kind="error" focus>{error}</Alert>}
      <div className="grid">
        {KEY_DATE_NAMES.map((k) => (
          <Field key={k} label={KEY_DATE_LABELS[k]} error={errors[k]}>
            {({ id, describedBy, invalid }) => (
              <input id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={values[k] ?? ''} onChange={(e) => setValues({ ...values, [k]: e.target.value })} />
            )}
          </Field>
        ))}
      </div>
      <button type="submit" className="button">
        Save the key dates
      </button>
    </form>
  );
}

function LateReasons(props: { clocks: ClockView[]; save: CommitSave }) {
  // Only the clocks that count: one kept for comparison needs no reason for lateness.
  const late = props.clocks.filter((c) => !c.alternative && (c.state === 'met-late' || c.state === 'overdue'));
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  if (late.length === 0) return null;
  return (
    <section aria-labelledby="late-heading">
      <h2 id="late-heading">Reasons for lateness</h2>
      <p className="hint">Record why each late clock ran over; the reason is kept with the case and shown with the clock.</p>
      {error && <Alert kind="error" focus>{error}</Alert>}
      {late.map((c) => (
        <form key={c.id} noValidate onSubmit={async (e) => {
          e.preventDefault();
          try {
            await props.save((cur) => call('cases.setLateReason', { id: cur.id, revision: cur.revision, clock: c.id, reason: drafts[c.id] ?? c.lateReason ?? '' }));
          } catch (err) {
            setError(messageOf(err));
          }
        }}>
          <Field label={`Why ${c.label.toLowerCase()} is late`}>
            {({ id }) => <textarea id={id} rows={2} value={drafts[c.id] ?? c.lateReason ?? ''} onChange={(e) => setDrafts({ ...drafts, [c.id]: e.target.value })} />}
          </Field>
          <button type="submit" className="button button--secondary">
            Save the reason for {c.label.toLowerCase()}
          </button>
        </form>
      ))}
    </section>
  );
}
