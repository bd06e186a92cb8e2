import { useRef, useState, type FormEvent } from 'react';
import { formatPartialDate, partialDateKey } from '../../../../shared/domain/partialDate';
import { readDate } from '../../../../shared/calendar/readDate';
import { PARTIAL_DATE_HINT } from '../../ui/DateField';
import type { ChronologyEntry } from '../../../../shared/domain/investigation';
import { Alert, Field } from '../../ui/Field';
import { PointPicker } from '../../ui/PointPicker';
import { RichTextField } from '../../ui/LazyRichTextField';
import { EMPTY_DOC, isRichEmpty, richToPlain, type RichNode } from '../../../../shared/domain/richText';
import type { CaseEditor } from './useCaseEditor';
import { newId } from './useCaseEditor';

/** Dated events (a month or year is enough), their source, the points they bear on; filter by point. */
export function ChronologyTab({ editor }: { editor: CaseEditor }) {
  const r = editor.record!;
  const [filter, setFilter] = useState('');
  const [date, setDate] = useState('');
  const [event, setEvent] = useState<RichNode>(EMPTY_DOC);
  const [source, setSource] = useState('');
  const [key, setKey] = useState(false);
  const [pointIds, setPointIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  // The entry being edited in the form below, or null when the form adds a new one.
  const [editing, setEditing] = useState<string | null>(null);
  const dateBox = useRef<HTMLInputElement>(null);

  /** Every field of the form back to empty: nothing carries over to the next entry. */
  const clear = () => {
    setDate('');
    setEvent(EMPTY_DOC);
    setSource('');
    setKey(false);
    setPointIds([]);
    setEditing(null);
    setError(null);
  };

  const startEdit = (c: ChronologyEntry) => {
    setEditing(c.id);
    setDate(formatPartialDate(c.date));
    setEvent(c.event);
    setSource(c.source.kind === 'other' ? '' : `${c.source.kind}:${c.source.id}`);
    setKey(c.key);
    setPointIds(c.pointIds);
    setError(null);
    dateBox.current?.focus();
  };

  const sources = [
    ...r.evidence.map((e) => ({ value: `evidence:${e.id}`, label: `${e.ref} ${e.title}` })),
    ...r.interviews.map((v, i) => ({ value: `interview:${v.id}`, label: `Interview ${i + 1} (${r.people.find((p) => p.id === v.personId)?.name ?? 'not chosen'})` })),
  ];
  const describeSource = (c: ChronologyEntry) =>
    c.source.kind === 'other' ? c.source.note || '—' : sources.find((s) => s.value === `${c.source.kind}:${c.source.id}`)?.label ?? '—';

  const entries = [...r.chronology]
    .filter((c) => !filter || c.pointIds.includes(filter))
    .sort((a, b) => partialDateKey(a.date).localeCompare(partialDateKey(b.date)));

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const read = readDate(date, { partial: true });
    if (!read.date) return setError(read.problem ?? null);
    const d = read.date;
    if (isRichEmpty(event)) return setError('Describe what happened.');
    setError(null);
    const [kind, id] = source ? (source.split(':') as ['evidence' | 'interview', string]) : (['other', null] as const);
    if (editing) {
      const target = editing;
      const changed = (x: ChronologyEntry): ChronologyEntry => ({ ...x, date: d, event, source: { kind, id, note: kind === 'other' ? x.source.note : '' }, pointIds, key });
      if (await editor.save((rec) => ({ ...rec, chronology: rec.chronology.map((x) => (x.id === target ? changed(x) : x)) }), { describe: 'The chronology entry was changed.', undoable: 'changing a chronology entry' })) clear();
      return;
    }
    const entry: ChronologyEntry = { id: newId('chron'), date: d, event, source: { kind, id, note: '' }, pointIds, key };
    if (await editor.save((rec) => ({ ...rec, chronology: [...rec.chronology, entry] }), { describe: 'Entry added to the chronology.' })) clear();
  };

  return (
    <section aria-labelledby="chron-heading">
      <h2 id="chron-heading">Chronology</h2>
      <Field label="Show entries for">
        {({ id }) => (
          <select id={id} value={filter} onChange={(e) => setFilter(e.target.value)}>
            <option value="">All points</option>
            {r.points.filter((p) => p.status === 'active').map((p) => (
              <option key={p.id} value={p.id}>
                Point {p.number}
              </option>
            ))}
          </select>
        )}
      </Field>
      <table className="table">
        <caption className="visually-hidden">Chronology{filter ? ' (filtered)' : ''}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Event</th>
            <th scope="col">Source</th>
            <th scope="col">Points</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((c) => (
            <tr key={c.id}>
              <td>{formatPartialDate(c.date)}</td>
              <td>
                {c.key && <span className="tag">key event</span>} {richToPlain(c.event)}
              </td>
              <td>{describeSource(c)}</td>
              <td>{c.pointIds.map((pid) => r.points.find((p) => p.id === pid)?.number).filter(Boolean).join(', ') || '—'}</td>
              <td>
                <button type="button" className="link" onClick={() => startEdit(c)}>
                  Edit the entry for {formatPartialDate(c.date)}
                </button>{' '}
                <button type="button" className="link" onClick={() => {
                  if (window.confirm(`Delete the entry for ${formatPartialDate(c.date)}?`)) void editor.save((rec) => ({ ...rec, chronology: rec.chronology.filter((x) => x.id !== c.id) }), { undoable: 'deleting a chronology entry' });
                }}>
                  Delete the entry for {formatPartialDate(c.date)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={add} noValidate className="item-card" aria-labelledby="add-chron-heading">
        <h3 id="add-chron-heading">{editing ? 'Edit the entry' : 'Add an entry'}</h3>
        {error && <Alert kind="error" focus>{error}</Alert>}
        <div className="grid">
          <Field label="Date" hint={PARTIAL_DATE_HINT}>
            {({ id, describedBy }) => <input id={id} ref={dateBox} aria-describedby={describedBy} value={date} onChange={(e) => setDate(e.target.value)} />}
          </Field>
          <Field label="Source">
            {({ id }) => (
              <select id={id} value={source} onChange={(e) => setSource(e.target.value)}>
                <option value="">Other</option>
                {sources.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <RichTextField label="What happened" value={event} onSave={setEvent} people={r.people} />
        <div className="checkbox">
          <input id="chron-key" type="checkbox" checked={key} onChange={(e) => setKey(e.target.checked)} />
          <label htmlFor="chron-key">Key event</label>
        </div>
        <PointPicker legend="Points the entry bears on" points={r.points} value={pointIds} onChange={setPointIds} />
        <div className="actions">
          <button type="submit" className="button">
            {editing ? 'Save the entry' : 'Add to the chronology'}
          </button>
          {editing && (
            <button type="button" className="button button--secondary" onClick={clear}>
              Cancel the change
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
