import type { CommitSave } from '../cases/CaseOverview';
import { useState, type FormEvent } from 'react';
import { formatShortDate } from '../../../../shared/calendar/date';
import { readDate } from '../../../../shared/calendar/readDate';
import { DATE_HINT } from '../../ui/DateField';
import type { ClockView } from '../../../../shared/clock/caseClocks';
import { EXTENSION_REASONS, EXTENSION_REASON_LABELS, TOLD_HOW } from '../../../../shared/clock/extensions';
import type { StoredCase } from '../../../../shared/domain/case';
import { call, messageOf } from '../../api';
import { Alert, Field } from '../../ui/Field';

const TOLD_LABELS: Record<(typeof TOLD_HOW)[number], string> = { letter: 'Letter', email: 'E-mail', phone: 'Phone', 'in-person': 'In person' };

/** Records an extension (date agreed, reason, how the complainant was told, new date); the server checks the limit. */
export function ExtensionForm(props: { stored: StoredCase; clocks: ClockView[]; save: CommitSave }) {
  const extendable = props.clocks.filter((c) => c.maxDue && c.start && !c.alternative && c.state !== 'met' && c.state !== 'met-late');
  const [clock, setClock] = useState(extendable[0]?.id ?? '');
  const [agreedOn, setAgreedOn] = useState('');
  const [reason, setReason] = useState<(typeof EXTENSION_REASONS)[number]>('complexity');
  const [reasonText, setReasonText] = useState('');
  const [toldOn, setToldOn] = useState('');
  const [toldHow, setToldHow] = useState<(typeof TOLD_HOW)[number]>('letter');
  const [newDueDate, setNewDueDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const selected = props.clocks.find((c) => c.id === clock);
  const existing = props.stored.record.extensions;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const dates: string[] = [];
    for (const [label, v] of [['The date agreed', agreedOn], ['The date the complainant was told', toldOn], ['The new due date', newDueDate]] as const) {
      const read = readDate(v);
      if (!read.date) return setError(v.trim() ? `${label}: ${read.problem}` : `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}, for example 24/08/2026 or 24 August 2026.`);
      dates.push(read.date);
    }
    const [agreedIso, toldIso, dueIso] = dates as [string, string, string];
    setError(null);
    try {
      await props.save((cur) =>
        call('cases.recordExtension', {
          id: cur.id,
          revision: cur.revision,
          extension: { clock, agreedOn: agreedIso, reason, reasonText, complainantToldOn: toldIso, complainantToldHow: toldHow, newDueDate: dueIso },
        }),
      );
      setAgreedOn('');
      setToldOn('');
      setNewDueDate('');
      setReasonText('');
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <section aria-labelledby="ext-heading">
      <h2 id="ext-heading">Extensions</h2>
      {existing.length > 0 ? (
        <ul>
          {existing.map((x) => (
            <li key={x.id}>
              {props.clocks.find((c) => c.id === x.clock)?.label ?? x.clock}: extended to {formatShortDate(x.newDueDate)}, agreed {formatShortDate(x.agreedOn)} ({x.reason === 'other' ? x.reasonText : EXTENSION_REASON_LABELS[x.reason]}); complainant told by {TOLD_LABELS[x.complainantToldHow].toLowerCase()} on {formatShortDate(x.complainantToldOn)}.
            </li>
          ))}
        </ul>
      ) : (
        <p>No extensions recorded.</p>
      )}
      {extendable.length === 0 ? (
        <p className="hint">No running clock can be extended at the moment.</p>
      ) : (
        <form onSubmit={submit} noValidate aria-labelledby="ext-form-heading">
          <h3 id="ext-form-heading">Record an extension</h3>
          {error && <Alert kind="error" focus>{error}</Alert>}
          <Field label="Clock to extend" hint={selected?.maxDue ? `The latest this clock can be extended to is ${formatShortDate(selected.maxDue)}.` : undefined}>
            {({ id, describedBy }) => (
              <select id={id} aria-describedby={describedBy} value={clock} onChange={(e) => setClock(e.target.value)}>
                {extendable.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Date the extension was agreed" hint={DATE_HINT}>
            {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} value={agreedOn} onChange={(e) => setAgreedOn(e.target.value)} placeholder="YYYY-MM-DD" />}
          </Field>
          <Field label="Reason">
            {({ id }) => (
              <select id={id} value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
                {EXTENSION_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {EXTENSION_REASON_LABELS[r]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {reason === 'other' && (
            <Field label="The reason in words">
              {({ id }) => <textarea id={id} rows={2} value={reasonText} onChange={(e) => setReasonText(e.target.value)} />}
            </Field>
          )}
          <Field label="Date the complainant was told" hint="The law requires telling the complainant in writing why, and the new date.">
            {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} value={toldOn} onChange={(e) => setToldOn(e.target.value)} placeholder="YYYY-MM-DD" />}
          </Field>
          <Field label="How the complainant was told">
            {({ id }) => (
              <select id={id} value={toldHow} onChange={(e) => setToldHow(e.target.value as typeof toldHow)}>
                {TOLD_HOW.map((t) => (
                  <option key={t} value={t}>
                    {TOLD_LABELS[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="New due date" hint={DATE_HINT}>
            {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} value={newDueDate} onChange={(e) => setNewDueDate(e.target.value)} placeholder="YYYY-MM-DD" />}
          </Field>
          <button type="submit" className="button">
            Record the extension
          </button>
        </form>
      )}
    </section>
  );
}
