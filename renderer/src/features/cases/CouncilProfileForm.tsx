import type { CommitSave } from './CaseOverview';
import { useEffect, useState, type FormEvent } from 'react';
import { readDate } from '../../../../shared/calendar/readDate';
import { PROCEDURE_IDS, PROCEDURES } from '../../../../shared/clock/profiles';
import type { StoredCase } from '../../../../shared/domain/case';
import { call, messageOf } from '../../api';
import { Alert, Field } from '../../ui/Field';
import { fileToBase64 } from '../../ui/files';

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

/**
 * The commissioning council's profile for this case: its procedure and clock settings, its own closure days,
 * its complaint categories, and the letterhead its documents carry.
 */
export function CouncilProfileForm(props: { stored: StoredCase; save: CommitSave }) {
  const c = props.stored.record.council;
  const [v, setV] = useState({
    name: c.name,
    procedure: c.procedure as string,
    acknowledgementDays: String(c.acknowledgementDays),
    stage2StartsFrom: c.stage2StartsFrom as string,
    closures: c.closures.join('\n'),
    categories: c.categories.join('\n'),
    addressLines: c.addressLines.join('\n'),
    contactLines: c.contactLines.join('\n'),
    protectiveMarking: c.protectiveMarking,
    ombudsmanParagraph: c.ombudsmanParagraph,
    policyReferences: c.policyReferences.join('\n'),
  });
  const [logo, setLogo] = useState(c.logo);
  const [keepInDirectory, setKeepInDirectory] = useState(false);
  const [otherCases, setOtherCases] = useState<number | null>(null);
  useEffect(() => {
    if (!c.directoryId) return;
    call('councils.list', {}).then((list) => setOtherCases(Math.max(0, (list.find((x) => x.id === c.directoryId)?.caseCount ?? 1) - 1)), () => setOtherCases(null));
  }, [c.directoryId]);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const closureDays: string[] = [];
    for (const line of lines(v.closures)) {
      const read = readDate(line);
      if (!read.date) return setError(`The closure day "${line}" is not a real date; write one date per line, for example 24/12/2026.`);
      closureDays.push(read.date);
    }
    const ack = Number(v.acknowledgementDays);
    if (!/^\d+$/.test(v.acknowledgementDays.trim()) || ack < 1 || ack > 10) return setError('Acknowledgement days must be a whole number from 1 to 10.');
    setError(null);
    try {
      const profileOf = (cur: StoredCase) => ({
        ...cur.record.council,
        name: v.name,
        procedure: v.procedure as (typeof PROCEDURE_IDS)[number],
        acknowledgementDays: ack,
        stage2StartsFrom: v.stage2StartsFrom as 'statementAgreed' | 'stage2Requested',
        closures: [...new Set(closureDays)].sort(),
        categories: lines(v.categories),
        addressLines: lines(v.addressLines),
        contactLines: lines(v.contactLines),
        protectiveMarking: v.protectiveMarking.trim(),
        ombudsmanParagraph: v.ombudsmanParagraph.trim(),
        policyReferences: lines(v.policyReferences),
        logo,
      });
      await props.save(async (cur) => {
        const profile = profileOf(cur);
        // Linked to the directory (or about to be): the entry is saved, and with it every case of that council.
        if (profile.directoryId || keepInDirectory) {
          await call('councils.save', { ...(profile.directoryId ? { id: profile.directoryId } : {}), profile, linkCaseId: cur.id });
          return call('cases.get', { id: cur.id });
        }
        return call('cases.update', { id: cur.id, revision: cur.revision, record: { ...cur.record, council: profile } });
      });
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="council-heading">
      <h2 id="council-heading">Commissioning council</h2>
      {error && <Alert kind="error" focus>{error}</Alert>}
      <div className="grid">
        <Field label="Council’s name">{({ id }) => <input id={id} value={v.name} onChange={set('name')} />}</Field>
        <Field label="Procedure">
          {({ id }) => (
            <select id={id} value={v.procedure} onChange={set('procedure')}>
              {PROCEDURE_IDS.map((p) => (
                <option key={p} value={p}>
                  {PROCEDURES[p].label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Working days to acknowledge a complaint">{({ id }) => <input id={id} inputMode="numeric" value={v.acknowledgementDays} onChange={set('acknowledgementDays')} />}</Field>
        <Field label="The statutory Stage 2 clock starts from">
          {({ id }) => (
            <select id={id} value={v.stage2StartsFrom} onChange={set('stage2StartsFrom')}>
              <option value="statementAgreed">The date the statement of complaint is agreed</option>
              <option value="stage2Requested">The date Stage 2 was requested</option>
            </select>
          )}
        </Field>
      </div>
      <Field label="The council’s own closure days" hint="One date per line as YYYY-MM-DD, for example the days between Christmas and New Year. They are not working days for this council’s clocks.">
        {({ id, describedBy }) => <textarea id={id} aria-describedby={describedBy} rows={3} value={v.closures} onChange={set('closures')} />}
      </Field>
      <Field label="Complaint categories (one per line)">{({ id }) => <textarea id={id} rows={4} value={v.categories} onChange={set('categories')} />}</Field>
      <h3>Letterhead</h3>
      <div className="grid">
        <Field label="Address (one line each)">{({ id }) => <textarea id={id} rows={3} value={v.addressLines} onChange={set('addressLines')} />}</Field>
        <Field label="Contact lines (one each)">{({ id }) => <textarea id={id} rows={3} value={v.contactLines} onChange={set('contactLines')} />}</Field>
        <Field label="Protective marking">{({ id }) => <input id={id} value={v.protectiveMarking} onChange={set('protectiveMarking')} />}</Field>
      </div>
      <div className="field">
        <span className="label" id="logo-label">
          Logo
        </span>
        <p className="hint">{logo ? 'A logo is set; it appears at the top of the first page of every document.' : 'No logo: documents start with the council’s name.'}</p>
        <div className="actions">
          <label className="button button--secondary file-button">
            Choose a logo (PNG or JPEG, up to 500 KB)…
            <input type="file" accept="image/png,image/jpeg" className="visually-hidden" aria-describedby="logo-label" onChange={async (e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (!f) return;
              const head = new Uint8Array(await f.slice(0, 4).arrayBuffer());
              const mime = head[0] === 0x89 && head[1] === 0x50 ? 'image/png' : head[0] === 0xff && head[1] === 0xd8 ? 'image/jpeg' : null;
              if (!mime) return setError(`${f.name} is not a PNG or JPEG image; choose one of those.`);
              if (f.size > 500 * 1024) return setError(`${f.name} is ${Math.ceil(f.size / 1024)} KB; a logo can be at most 500 KB.`);
              setError(null);
              setLogo({ mime, dataBase64: await fileToBase64(f) });
            }} />
          </label>
          {logo && (
            <button type="button" className="button button--secondary" onClick={() => setLogo(null)}>
              Remove the logo
            </button>
          )}
        </div>
      </div>
      <Field label="The Ombudsman paragraph the adjudication letter ends with">{({ id }) => <textarea id={id} rows={4} value={v.ombudsmanParagraph} onChange={set('ombudsmanParagraph')} />}</Field>
      <Field label="The council’s own procedures and policies (one a line)" hint="Offered with the national legislation and guidance when choosing what each point was measured against; shared by every case of this council.">
        {({ id, describedBy }) => <textarea id={id} aria-describedby={describedBy} rows={3} value={v.policyReferences} onChange={set('policyReferences')} />}
      </Field>
      {c.directoryId ? (
        <p className="hint">
          This profile is {c.name} in your council directory: saving it here also updates {otherCases === null ? 'the other cases' : `the ${otherCases} other case${otherCases === 1 ? '' : 's'}`} of this council. Documents already issued keep the profile they were issued with.
        </p>
      ) : (
        <div className="checkbox">
          <input id="keep-council" type="checkbox" checked={keepInDirectory} onChange={(e) => setKeepInDirectory(e.target.checked)} />
          <label htmlFor="keep-council">Keep this profile in the council directory, to pick for other cases of {v.name || 'this council'}</label>
        </div>
      )}
      <button type="submit" className="button">
        Save the council profile
      </button>
    </form>
  );
}
