import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { RELATIONSHIPS, type DirectoryCouncil } from '../../../../shared/domain/case';
import { call, messageOf } from '../../api';
import { Alert, Field } from '../../ui/Field';
import { useFocusHeading } from '../../ui/useFocusHeading';
import { PROCEDURE_OPTIONS, emptyNewCase, newCaseFormSchema, toCaseRecord, type NewCaseForm as Form } from './caseForm';

export function NewCaseForm(props: { onCreated: (id: string) => void; onCancel: () => void }) {
  const heading = useFocusHeading<HTMLHeadingElement>();
  const [serverError, setServerError] = useState<string | null>(null);
  // Councils kept in the store's directory: picking one fills in its profile (and links the case to it).
  const [directory, setDirectory] = useState<DirectoryCouncil[]>([]);
  const [fromDirectory, setFromDirectory] = useState('');
  useEffect(() => {
    call('councils.list', {}).then(setDirectory, () => setDirectory([]));
  }, []);
  const { register, control, handleSubmit, formState, setValue } = useForm<Form>({
    // The error summary takes focus instead of the first bad field (GOV.UK's pattern); it links nothing away.
    shouldFocusError: false,
    resolver: zodResolver(newCaseFormSchema),
    defaultValues: emptyNewCase,
  });
  const points = useFieldArray({ control, name: 'points' });
  const e = formState.errors;

  const submit = handleSubmit(async (values) => {
    setServerError(null);
    try {
      const picked = directory.find((d) => d.id === fromDirectory);
      const record = toCaseRecord(values);
      // The directory's whole profile (letterhead, closures …), with what was typed on this form on top.
      const withCouncil = picked ? { ...record, council: { ...picked.profile, ...record.council, directoryId: picked.id } } : record;
      const created = await call('cases.create', { record: withCouncil });
      props.onCreated(created.id);
    } catch (err) {
      setServerError(messageOf(err));
    }
  });

  const text = (name: keyof Form, label: string, hint?: string, type = 'text') => (
    <Field label={label} hint={hint} error={e[name]?.message as string | undefined}>
      {({ id, describedBy, invalid }) => <input id={id} type={type} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register(name)} />}
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate>
      <h1 ref={heading} tabIndex={-1}>
        New case
      </h1>
      {serverError && <Alert kind="error" focus>{serverError}</Alert>}
      {Object.keys(e).length > 0 && <Alert kind="error" focus>Some answers need correcting; each is marked below.</Alert>}
      <fieldset>
        <legend>The case</legend>
        {text('reference', 'Case reference', "The commissioning council's reference, for example CSC/2026/0142.")}
        {directory.length > 0 && (
          <Field label="Council from your directory (optional)" hint="Fills in the council’s name, procedure, closure days and letterhead as you saved them.">
            {({ id, describedBy }) => (
              <select
                id={id}
                aria-describedby={describedBy}
                value={fromDirectory}
                onChange={(ev) => {
                  setFromDirectory(ev.target.value);
                  const d = directory.find((x) => x.id === ev.target.value);
                  if (d) {
                    setValue('councilName', d.profile.name);
                    setValue('procedure', d.profile.procedure);
                    setValue('stage2StartsFrom', d.profile.stage2StartsFrom);
                  }
                }}
              >
                <option value="">None: type the council below</option>
                {directory.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.profile.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {text('councilName', 'Commissioning council')}
        <Field label="Procedure">
          {({ id }) => (
            <select id={id} {...register('procedure')}>
              {PROCEDURE_OPTIONS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="The Stage 2 statutory clock starts from" hint="Most councils count from the agreed statement of complaint; some count from the request.">
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} {...register('stage2StartsFrom')}>
              <option value="statementAgreed">The date the statement of complaint is agreed</option>
              <option value="stage2Requested">The date Stage 2 was requested</option>
            </select>
          )}
        </Field>
        {text('teamComplainedAbout', 'Team complained about')}
      </fieldset>
      <fieldset>
        <legend>The child and the complainant</legend>
        {text('childName', 'Child or young person')}
        {text('childDateOfBirth', "Child's date of birth (optional)", 'For example 17/04/2012 or 17 April 2012.')}
        {text('complainantName', 'Complainant')}
        <Field label="Relationship to the child">
          {({ id }) => (
            <select id={id} {...register('relationshipToChild')}>
              {RELATIONSHIPS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('advocateName', 'Advocate (optional)')}
        <div className="checkbox">
          <input id="advocate-consent" type="checkbox" {...register('advocateConsent')} />
          <label htmlFor="advocate-consent">Written consent for the advocate to act is held</label>
        </div>
      </fieldset>
      <fieldset>
        <legend>People and dates</legend>
        {text('investigatingOfficer', 'Investigating officer')}
        {text('independentPerson', 'Independent person')}
        {text('stage2Requested', 'Stage 2 requested on (optional)', 'For example 24/08/2026 or 24 August 2026.')}
        {text('statementAgreed', 'Statement of complaint agreed on (optional)', 'For example 24/08/2026 or 24 August 2026.')}
      </fieldset>
      <fieldset>
        <legend>Points of complaint</legend>
        {points.fields.map((f, i) => (
          <div key={f.id} className="point-editor">
            <Field label={`Point ${i + 1}: in the complainant's words`} error={e.points?.[i]?.summary?.message}>
              {({ id, describedBy, invalid }) => <textarea id={id} rows={3} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register(`points.${i}.summary` as const)} />}
            </Field>
            <Field label={`Point ${i + 1}: outcome the complainant wants`}>
              {({ id }) => <input id={id} {...register(`points.${i}.outcome` as const)} />}
            </Field>
            <button type="button" className="button button--secondary" onClick={() => points.remove(i)}>
              Remove point {i + 1}
            </button>
          </div>
        ))}
        <button type="button" className="button button--secondary" onClick={() => points.append({ summary: '', outcome: '' })}>
          Add a point of complaint
        </button>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button" disabled={formState.isSubmitting}>
          Create the case
        </button>
        <button type="button" className="button button--secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
