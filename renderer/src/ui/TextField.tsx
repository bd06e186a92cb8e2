import { useEffect, useState } from 'react';
import { Field } from './Field';

/** A text box that saves when focus leaves it (autosave) if the value changed; `validate` may refuse it. */
export function TextField(props: {
  label: string;
  value: string;
  onSave: (v: string) => void;
  hint?: string;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  validate?: (v: string) => string | null;
}) {
  const [value, setValue] = useState(props.value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setValue(props.value), [props.value]);
  const commit = () => {
    if (value === props.value) return setError(null);
    const problem = props.validate?.(value) ?? null;
    setError(problem);
    if (!problem) props.onSave(value);
  };
  return (
    <Field label={props.label} hint={props.hint} error={error ?? undefined}>
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
