import { useState, type FormEvent } from 'react';
import { mentionCount } from '../../../../shared/documents/plainNames';
import { commonWordsIn } from '../../../../shared/documents/names';
import { PERSON_KINDS, type Person } from '../../../../shared/domain/investigation';
import { isThirdPartyByDefault } from '../../../../shared/domain/people';
import { Alert, Field } from '../../ui/Field';
import { TextField } from '../../ui/TextField';
import type { CaseEditor } from './useCaseEditor';
import { newId } from './useCaseEditor';

/** Consent to act matters only for someone acting for another person (an advocate, a representative). */
const actsForSomeone = (p: Person) => p.kind === 'advocate' || p.kind === 'representative' || p.actsForId !== null;

/** Everyone in the case, with the pseudonym reports for the complainant use for them. */
export function PeopleTab({ editor }: { editor: CaseEditor }) {
  const r = editor.record!;
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Person['kind']>('staff');
  const [error, setError] = useState<string | null>(null);
  const setPerson = (id: string, patch: Partial<Person>) => editor.save((rec) => ({ ...rec, people: rec.people.map((p) => (p.id === id ? { ...p, ...patch } : p)) }));

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError('Enter the person’s name.');
    setError(null);
    const person: Person = { id: newId('person'), name: name.trim(), kind, role: '', organisation: '', pseudonym: '', actsForId: null, consentHeld: false, thirdParty: isThirdPartyByDefault(kind) };
    if (await editor.save((rec) => ({ ...rec, people: [...rec.people, person] }), { describe: `Added ${person.name}.` })) setName('');
  };

  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">People</h2>
      <p className="hint">Reports for the complainant refer to people by their pseudonym (Child A, Social Worker 1, the Team Manager); third parties’ details are left out of them.</p>
      {r.people.map((p) => (
        <div key={p.id} className="item-card" role="group" aria-label={p.name}>
          <h3>{p.name}</h3>
          {commonWordsIn(p.name).length > 0 && (
            <p className="hint">
              <strong>Note: </strong>“{commonWordsIn(p.name).join('”, “')}” {commonWordsIn(p.name).length === 1 ? 'is' : 'are'} also {commonWordsIn(p.name).length === 1 ? 'an ordinary word' : 'ordinary words'}. The check of the complainant’s version
              flags {commonWordsIn(p.name).length === 1 ? 'it' : 'them'} only after a title (Mrs, Mr), with a capital in mid-sentence, or before a verb such as “said” or “rang”, so mention {p.name} with @ rather than typing the name.
            </p>
          )}
          <div className="grid">
            <TextField label={`Name of ${p.name}`} value={p.name} validate={(v) => (v.trim() ? null : 'Enter a name.')} onSave={(v) => setPerson(p.id, { name: v.trim() })} />
            <div className="field">
              <label htmlFor={`kind-${p.id}`}>Who {p.name} is</label>
              <select id={`kind-${p.id}`} value={p.kind} onChange={(e) => void setPerson(p.id, { kind: e.target.value as Person['kind'] })}>
                {PERSON_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </div>
            <TextField label={`Role of ${p.name}`} value={p.role} onSave={(v) => setPerson(p.id, { role: v })} placeholder="e.g. Social worker" />
            <TextField label={`Organisation of ${p.name}`} value={p.organisation} onSave={(v) => setPerson(p.id, { organisation: v })} />
            <TextField label={`Pseudonym for ${p.name}`} value={p.pseudonym} onSave={(v) => setPerson(p.id, { pseudonym: v })} placeholder="e.g. Social Worker 1" />
            <TextField
              label={`Other names ${p.name} goes by`}
              hint="Nicknames, a former name or another spelling, separated by commas: the complainant’s version replaces these too."
              value={p.alsoKnownAs ?? ''}
              onSave={(v) => setPerson(p.id, { alsoKnownAs: v.trim() })}
              placeholder="e.g. Kez, Kieran Nowak-Hale"
            />
            <div className="field">
              <label htmlFor={`for-${p.id}`}>{p.name} acts on behalf of</label>
              <select id={`for-${p.id}`} value={p.actsForId ?? ''} onChange={(e) => void setPerson(p.id, { actsForId: e.target.value || null })}>
                <option value="">Nobody</option>
                {r.people.filter((x) => x.id !== p.id).map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {actsForSomeone(p) && (
            <div className="checkbox">
              <input id={`consent-${p.id}`} type="checkbox" checked={p.consentHeld} onChange={(e) => void setPerson(p.id, { consentHeld: e.target.checked })} />
              <label htmlFor={`consent-${p.id}`}>Written consent for {p.name} to act is held</label>
            </div>
          )}
          <div className="checkbox">
            <input id={`third-${p.id}`} type="checkbox" checked={p.thirdParty} onChange={(e) => void setPerson(p.id, { thirdParty: e.target.checked })} />
            <label htmlFor={`third-${p.id}`}>{p.name} is a third party (details withheld from the complainant)</label>
          </div>
          <button type="button" className="button button--secondary" onClick={() => {
            const mentioned = mentionCount(r, p.id);
            const where = mentioned ? ` They are mentioned ${mentioned === 1 ? 'once' : `${mentioned} times`} in the notes, findings, chronology and recommendations, which will then read “[person removed]”.` : '';
            if (!window.confirm(`Remove ${p.name} from the case?${where}`)) return;
            void editor.save((rec) => ({
              ...rec,
              people: rec.people.filter((x) => x.id !== p.id).map((x) => (x.actsForId === p.id ? { ...x, actsForId: null } : x)),
              interviews: rec.interviews.map((v) => (v.personId === p.id ? { ...v, personId: null } : v)),
            }), { undoable: `removing ${p.name}` });
          }}>
            Remove {p.name}
          </button>
        </div>
      ))}
      <form onSubmit={add} noValidate aria-labelledby="add-person-heading" className="item-card">
        <h3 id="add-person-heading">Add a person</h3>
        {error && <Alert kind="error" focus>{error}</Alert>}
        <Field label="Name">{({ id }) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
        <Field label="Who they are">
          {({ id }) => (
            <select id={id} value={kind} onChange={(e) => setKind(e.target.value as Person['kind'])}>
              {PERSON_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button">
          Add the person
        </button>
      </form>
    </section>
  );
}
