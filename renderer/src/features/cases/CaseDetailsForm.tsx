import { useState, type FormEvent } from 'react';
import { readDate, showDate } from '../../../../shared/calendar/readDate';
import { RELATIONSHIPS, type CaseRecord, type PersonRef, type StoredCase } from '../../../../shared/domain/case';
import { call, messageOf } from '../../api';
import { DATE_HINT } from '../../ui/DateField';
import { Alert, Field } from '../../ui/Field';
import type { CommitSave } from './CaseOverview';

/** A person as the form holds them: every field a string, the address as lines in one box. */
interface PersonDraft {
  name: string;
  organisation: string;
  email: string;
  phone: string;
  address: string;
  salutation: string;
}
const emptyPerson: PersonDraft = { name: '', organisation: '', email: '', phone: '', address: '', salutation: '' };
const draftOf = (p: PersonRef | null | undefined): PersonDraft =>
  p ? { name: p.name, organisation: p.organisation, email: p.email, phone: p.phone, address: p.addressLines.join('\n'), salutation: p.salutation } : { ...emptyPerson };
const personOf = (d: PersonDraft): PersonRef => ({
  name: d.name.trim(),
  organisation: d.organisation.trim(),
  email: d.email.trim(),
  phone: d.phone.trim(),
  addressLines: d.address.split('\n').map((l) => l.trim()).filter(Boolean),
  salutation: d.salutation.trim(),
});

const ROLES = [
  ['investigatingOfficer', 'Investigating officer'],
  ['independentPerson', 'Independent person'],
  ['adjudicatingOfficer', 'Adjudicating officer'],
  ['complaintsManager', 'Complaints manager'],
] as const;
type RoleKey = (typeof ROLES)[number][0];

/**
 * The case's core facts after creation: the reference, the team, the child, every complainant (with the address
 * and greeting letters use), the advocate and representative, and the people in each role. Saved through the
 * workspace's queue, so the change is audited like any other.
 */
export function CaseDetailsForm(props: { stored: StoredCase; save: CommitSave }) {
  const r = props.stored.record;
  const [reference, setReference] = useState(r.reference);
  const [team, setTeam] = useState(r.teamComplainedAbout);
  const [child, setChild] = useState({ name: r.child.name, dob: showDate(r.child.dateOfBirth), legalStatus: r.child.legalStatus });
  const [complainants, setComplainants] = useState(r.complainants.map((c) => ({ ...draftOf(c), relationship: c.relationshipToChild as string })));
  const [advocate, setAdvocate] = useState({ ...draftOf(r.advocate), consent: r.advocate?.writtenConsentHeld ?? false });
  const [representative, setRepresentative] = useState({ ...draftOf(r.representative), consent: r.representative?.writtenConsentHeld ?? false });
  const [roles, setRoles] = useState<Record<RoleKey, PersonDraft>>(() => Object.fromEntries(ROLES.map(([k]) => [k, draftOf(r.roles[k])])) as Record<RoleKey, PersonDraft>);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reference.trim()) return setError('Enter the case reference.');
    if (!child.name.trim()) return setError("Enter the child's or young person's name.");
    if (complainants.some((c) => !c.name.trim())) return setError('Enter every complainant’s name, or remove the empty one.');
    const dob = child.dob.trim() ? readDate(child.dob) : null;
    if (dob?.problem) return setError(`The child's date of birth: ${dob.problem}`);
    setError(null);
    const change = (cur: CaseRecord): CaseRecord => ({
      ...cur,
      reference: reference.trim(),
      teamComplainedAbout: team.trim(),
      child: { ...cur.child, name: child.name.trim(), dateOfBirth: dob?.date ?? null, legalStatus: child.legalStatus.trim() },
      complainants: complainants.map((c) => ({ ...personOf(c), relationshipToChild: c.relationship as CaseRecord['complainants'][number]['relationshipToChild'] })),
      advocate: advocate.name.trim() ? { ...personOf(advocate), writtenConsentHeld: advocate.consent } : null,
      representative: representative.name.trim() ? { ...personOf(representative), writtenConsentHeld: representative.consent } : null,
      roles: Object.fromEntries(ROLES.map(([k]) => [k, roles[k].name.trim() ? personOf(roles[k]) : null])) as CaseRecord['roles'],
    });
    try {
      await props.save((cur) => call('cases.update', { id: cur.id, revision: cur.revision, record: change(cur.record) }));
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const personFields = (label: string, d: PersonDraft, set: (d: PersonDraft) => void, opts: { letters?: boolean } = {}) => (
    <div className="grid">
      <Field label={`${label}: name`}>{({ id }) => <input id={id} value={d.name} onChange={(e) => set({ ...d, name: e.target.value })} />}</Field>
      <Field label={`${label}: organisation`}>{({ id }) => <input id={id} value={d.organisation} onChange={(e) => set({ ...d, organisation: e.target.value })} />}</Field>
      <Field label={`${label}: e-mail`}>{({ id }) => <input id={id} type="email" value={d.email} onChange={(e) => set({ ...d, email: e.target.value })} />}</Field>
      <Field label={`${label}: telephone`}>{({ id }) => <input id={id} type="tel" value={d.phone} onChange={(e) => set({ ...d, phone: e.target.value })} />}</Field>
      {opts.letters && (
        <>
          <Field label={`${label}: greeting in letters`} hint="For example Ms Haddad, or a first name. Left empty, letters use the full name.">
            {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} value={d.salutation} onChange={(e) => set({ ...d, salutation: e.target.value })} />}
          </Field>
          <Field label={`${label}: postal address`} hint="One line each.">
            {({ id, describedBy }) => <textarea id={id} aria-describedby={describedBy} rows={4} value={d.address} onChange={(e) => set({ ...d, address: e.target.value })} />}
          </Field>
        </>
      )}
    </div>
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby="details-heading">
      <h2 id="details-heading">Case details</h2>
      <p className="hint">Change any of the case’s core facts; every change is recorded in the audit trail.</p>
      {error && <Alert kind="error" focus>{error}</Alert>}
      <div className="grid">
        <Field label="Case reference">{({ id }) => <input id={id} value={reference} onChange={(e) => setReference(e.target.value)} />}</Field>
        <Field label="Team complained about">{({ id }) => <input id={id} value={team} onChange={(e) => setTeam(e.target.value)} />}</Field>
      </div>
      <fieldset>
        <legend>The child or young person</legend>
        <div className="grid">
          <Field label="Child’s name">{({ id }) => <input id={id} value={child.name} onChange={(e) => setChild({ ...child, name: e.target.value })} />}</Field>
          <Field label="Child’s date of birth" hint={DATE_HINT}>{({ id, describedBy }) => <input id={id} aria-describedby={describedBy} value={child.dob} onChange={(e) => setChild({ ...child, dob: e.target.value })} />}</Field>
          <Field label="Child’s legal status">{({ id }) => <input id={id} value={child.legalStatus} onChange={(e) => setChild({ ...child, legalStatus: e.target.value })} />}</Field>
        </div>
      </fieldset>
      {complainants.map((c, i) => (
        <fieldset key={i}>
          <legend>Complainant {i + 1}</legend>
          {personFields(`Complainant ${i + 1}`, c, (d) => setComplainants(complainants.map((x, j) => (j === i ? { ...x, ...d } : x))), { letters: true })}
          <Field label={`Complainant ${i + 1}: relationship to the child`}>
            {({ id }) => (
              <select id={id} value={c.relationship} onChange={(e) => setComplainants(complainants.map((x, j) => (j === i ? { ...x, relationship: e.target.value } : x)))}>
                {RELATIONSHIPS.map((rel) => (
                  <option key={rel}>{rel}</option>
                ))}
              </select>
            )}
          </Field>
          {complainants.length > 1 && (
            <button type="button" className="button button--secondary" onClick={() => setComplainants(complainants.filter((_x, j) => j !== i))}>
              Remove complainant {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      <p>
        <button type="button" className="button button--secondary" onClick={() => setComplainants([...complainants, { ...emptyPerson, relationship: 'parent' }])}>
          Add a complainant
        </button>
      </p>
      {([['Advocate', advocate, setAdvocate], ['Representative', representative, setRepresentative]] as const).map(([label, d, set]) => (
        <fieldset key={label}>
          <legend>{label} (leave the name empty if there is none)</legend>
          {personFields(label, d, (x) => set({ ...d, ...x }), { letters: true })}
          <div className="checkbox">
            <input id={`${label}-consent`} type="checkbox" checked={d.consent} onChange={(e) => set({ ...d, consent: e.target.checked })} />
            <label htmlFor={`${label}-consent`}>{label}: written consent to act for the complainant is held</label>
          </div>
        </fieldset>
      ))}
      {ROLES.map(([k, label]) => (
        <fieldset key={k}>
          <legend>{label} (leave the name empty until appointed)</legend>
          {personFields(label, roles[k], (d) => setRoles({ ...roles, [k]: d }))}
        </fieldset>
      ))}
      <button type="submit" className="button">
        Save the case details
      </button>
    </form>
  );
}
