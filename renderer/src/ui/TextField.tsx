import { useEffect, useRef, useState } from 'react';
import { Field } from './Field';

const n = (x: number) => x.toLocaleString('en-GB');

/**
 * A text box that saves when focus leaves it (autosave) if the value changed; `validate` may refuse it.
 * Text that is refused (too long here, or by the store) stays in the box: nothing typed is ever thrown away.
 */
export function TextField(props: {
  label: string;
  value: string;
  /** May return the save's outcome; `false` means it was refused and the text is kept. */
  onSave: (v: string) => unknown;
  hint?: string;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  validate?: (v: string) => string | null;
  /** The most characters the field holds: a counter appears near it, and longer text is kept but not saved. */
  maxLength?: number;
}) {
  const [value, setValue] = useState(props.value);
  const [error, setError] = useState<string | null>(null);
  // A refused draft survives the screen going back to what the store holds.
  const kept = useRef<string | null>(null);
  useEffect(() => setValue(kept.current ?? props.value), [props.value]);
  const max = props.maxLength;
  const commit = () => {
    if (value === props.value) {
      kept.current = null;
      return setError(null);
    }
    const tooLong = max !== undefined && value.length > max ? `This is ${n(value.length)} characters, more than the ${n(max)} this field holds; shorten it to save it. Your text is still here.` : null;
    const problem = tooLong ?? props.validate?.(value) ?? null;
    setError(problem);
    if (problem) {
      kept.current = value;
      return;
    }
    const draft = value;
    kept.current = null;
    const outcome = props.onSave(draft);
    if (outcome instanceof Promise) {
      void outcome.then((ok) => {
        if (ok !== false) return;
        kept.current = draft;
        setValue(draft);
        setError('This text was not saved (see the message above); it is still here to correct or copy.');
      });
    }
  };
  const counter = max !== undefined && value.length > max * 0.8 ? `${n(value.length)} of ${n(max)} characters` : undefined;
  const hint = [props.hint, counter].filter(Boolean).join(' ') || undefined;
  return (
    <Field label={props.label} hint={hint} error={error ?? undefined}>
      {({ id, describedBy, invalid }) =>
        props.multiline ? (
          <textarea id={id} rows={props.rows ?? 3} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value} onChange={(e) => setValue(e.target.value)} onBlur={commit} />
        ) : (
          <input id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value} placeholder={props.placeholder} onChange={(e) => setValue(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
        )
      }
    </Field>
  );
}
