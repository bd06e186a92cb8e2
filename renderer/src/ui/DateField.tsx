import { readDate, showDate } from '../../../shared/calendar/readDate';
import { formatPartialDate } from '../../../shared/domain/partialDate';
import { TextField } from './TextField';

export const DATE_HINT = 'For example 24/08/2026 or 24 August 2026.';
export const PARTIAL_DATE_HINT = 'For example 24/08/2026, 24 August 2026, a month as March 2026, or a year as 2026.';

/**
 * A date box that autosaves: it reads dates as people in England write them (day before month) and shows the
 * date back as "24 August 2026"; what is stored is YYYY-MM-DD (or YYYY-MM / YYYY where `partial`). Empty clears it.
 */
export function DateField(props: { label: string; value: string | null; onSave: (date: string | null) => unknown; hint?: string; partial?: boolean }) {
  const partial = props.partial ?? false;
  const shown = props.value ? (partial ? formatPartialDate(props.value) : showDate(props.value)) : '';
  const field = (
    <TextField
      label={props.label}
      value={shown}
      hint={props.hint ?? (partial ? PARTIAL_DATE_HINT : DATE_HINT)}
      validate={(v) => (v.trim() === '' ? null : (readDate(v, { partial }).problem ?? null))}
      onSave={(v) => props.onSave(v.trim() === '' ? null : (readDate(v, { partial }).date ?? null))}
    />
  );
  if (partial) return field;
  // For those who would rather pick than type: the browser's own calendar, saving the same way.
  return (
    <div className="date-field">
      {field}
      <label className="date-field__picker">
        <span className="visually-hidden">Pick {props.label.charAt(0).toLowerCase() + props.label.slice(1)} from a calendar</span>
        <input type="date" value={props.value ?? ''} min="1900-01-01" max="2199-12-31" onChange={(e) => e.target.value && void props.onSave(e.target.value)} />
      </label>
    </div>
  );
}
