import { useEffect, useId, useRef, type ReactNode } from 'react';

/** A labelled control with hint and error text wired up through aria-describedby. */
export function Field(props: {
  label: string;
  hint?: string;
  error?: string | undefined;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${props.error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="error-text" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {props.error}
        </p>
      )}
      {props.children({ id, describedBy, invalid: Boolean(props.error) })}
    </div>
  );
}

/** A message the screen reader announces at once; marked with a word, not only a colour. */
export function Alert(props: { kind: 'error' | 'success' | 'info'; children: ReactNode; focus?: boolean }) {
  const word = props.kind === 'error' ? 'Problem' : props.kind === 'success' ? 'Done' : 'Note';
  const box = useRef<HTMLDivElement>(null);
  // A form's error summary takes focus when it appears (as GOV.UK's does), so a keyboard or screen reader user
  // is taken to it rather than left on a button while the message sits off screen.
  const text = typeof props.children === 'string' ? props.children : '';
  useEffect(() => {
    if (props.focus) box.current?.focus();
  }, [props.focus, text]);
  return (
    <div ref={box} tabIndex={props.focus ? -1 : undefined} className={`alert alert--${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      <strong>{word}: </strong>
      {props.children}
    </div>
  );
}
