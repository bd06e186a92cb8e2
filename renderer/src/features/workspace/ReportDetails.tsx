import { useState } from 'react';
import { TEXT_LIMITS, type Adjudication, type Finding, type IpReview, type ReportDetails } from '../../../../shared/domain/investigation';
import { EMPTY_DOC } from '../../../../shared/domain/richText';
import { referenceLibrary } from '../../../../shared/documents/references';
import { DateField } from '../../ui/DateField';
import { Field } from '../../ui/Field';
import { TextField } from '../../ui/TextField';
import type { CaseEditor } from './useCaseEditor';
import { newId } from './useCaseEditor';

/**
 * The inputs issue 13 adds to the documents (what the statutory guidance and councils' Stage 2 templates ask
 * each report and letter to contain), kept apart from the tabs other work changes.
 */

const lines = (v: string) => v.split('\n').map((l) => l.trim()).filter(Boolean);

/** Yes / no / not recorded, as three radio buttons. */
function Tristate(props: { name: string; legend: string; value: boolean | null; yes: string; no: string; onPick: (v: boolean | null) => void }) {
  const options: [string, boolean | null][] = [[props.yes, true], [props.no, false], ['Not recorded yet', null]];
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {options.map(([label, value]) => (
        <div className="checkbox" key={label}>
          <input type="radio" id={`${props.name}-${String(value)}`} name={props.name} checked={props.value === value} onChange={() => props.onPick(value)} />
          <label htmlFor={`${props.name}-${String(value)}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The investigation report's own details: summary, scope and period, distribution, the child, records, learning. */
export function ReportTab({ editor }: { editor: CaseEditor }) {
  const r = editor.record!;
  const rep = r.report;
  const set = (patch: Partial<ReportDetails>) => editor.save((rec) => ({ ...rec, report: { ...rec.report, ...patch } }));
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">Investigation report details</h2>
      <p className="hint">What the report says beyond the points: the figures in its executive summary are counted for you.</p>
      <TextField label="Executive summary" multiline value={rep.executiveSummary} maxLength={20_000} onSave={(v) => set({ executiveSummary: v })} hint="Your own words after the figures: the main findings and what should change." />
      <TextField label="Scope of the investigation" multiline rows={3} value={rep.scope} maxLength={10_000} onSave={(v) => set({ scope: v })} />
      <div className="grid">
        <DateField label="Period investigated: from" value={rep.periodFrom} onSave={(d) => set({ periodFrom: d })} />
        <DateField label="Period investigated: to" value={rep.periodTo} onSave={(d) => set({ periodTo: d })} />
      </div>
      <TextField
        label="Distribution list (one recipient a line)"
        multiline
        rows={4}
        value={rep.distribution.join('\n')}
        onSave={(v) => set({ distribution: lines(v) })}
        hint="Left empty, the report lists the complaints manager, adjudicating officer, independent person, complainants and any advocate or representative with consent."
      />
      <Tristate name="child-seen" legend={`Was ${r.child.name} seen?`} value={rep.childSeen} yes="Yes, the child was seen" no="No, the child was not seen" onPick={(v) => void set({ childSeen: v })} />
      {rep.childSeen === false && <TextField label="Why the child was not seen" multiline rows={2} value={rep.childNotSeenReason} maxLength={5000} onSave={(v) => set({ childNotSeenReason: v })} />}
      <TextField label="The child’s views" multiline value={rep.childViews} maxLength={TEXT_LIMITS.prose} onSave={(v) => set({ childViews: v })} />
      <TextField label="What missing records mean for the findings" multiline rows={3} value={rep.missingRecordsImpact} maxLength={10_000} onSave={(v) => set({ missingRecordsImpact: v })} hint="The report lists the records requested and not received (Plan tab)." />
      <TextField label="Learning for the service" multiline value={rep.learning} maxLength={TEXT_LIMITS.prose} onSave={(v) => set({ learning: v })} />
    </section>
  );
}

/** For one point: what it was measured against (from the library or typed), and the response to each outcome sought. */
export function PointReportFields({ editor, pointId }: { editor: CaseEditor; pointId: string }) {
  const r = editor.record!;
  const point = r.points.find((p) => p.id === pointId)!;
  const blank: Finding = { complainantSays: EMPTY_DOC, recordsShow: EMPTY_DOC, staffSay: EMPTY_DOC, analysis: EMPTY_DOC, finding: null, references: [], outcomeResponses: [] };
  const f = r.findings[pointId] ?? blank;
  const set = (patch: Partial<Finding>) => editor.save((rec) => ({ ...rec, findings: { ...rec.findings, [pointId]: { ...(rec.findings[pointId] ?? blank), ...patch } } }));
  const library = referenceLibrary(r.council.policyReferences).filter((x) => !f.references.includes(x));
  const [pick, setPick] = useState('');
  return (
    <div className="point-report-fields">
      <fieldset>
        <legend>Point {point.number}: legislation, guidance and policy it was measured against</legend>
        {f.references.length > 0 && (
          <ul>
            {f.references.map((x) => (
              <li key={x}>
                {x}{' '}
                <button type="button" className="link" aria-label={`Remove “${x}” from point ${point.number}`} onClick={() => void set({ references: f.references.filter((y) => y !== x) })}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <Field label={`Add a reference to point ${point.number} from the library`}>
          {({ id }) => (
            <select id={id} value={pick} onChange={(e) => setPick(e.target.value)}>
              <option value="">Choose…</option>
              {library.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" className="button button--secondary" disabled={!pick} onClick={() => {
          void set({ references: [...f.references, pick] });
          setPick('');
        }}>
          Add the chosen reference
        </button>
        <TextField
          label={`Or type a reference for point ${point.number}`}
          value=""
          hint="Added when you leave the box. The council’s own procedures can be kept on its profile (Overview), for every case."
          validate={(v) => (v.trim().length > 500 ? 'A reference can be at most 500 characters.' : null)}
          onSave={(v) => (v.trim() && !f.references.includes(v.trim()) ? set({ references: [...f.references, v.trim()] }) : undefined)}
        />
      </fieldset>
      {point.desiredOutcomes.map((o, i) => (
        <TextField
          key={`${pointId}-${i}`}
          label={`Point ${point.number}: response to the outcome sought “${o}”`}
          multiline
          rows={2}
          value={f.outcomeResponses[i] ?? ''}
          maxLength={5000}
          onSave={(v) => {
            const next = point.desiredOutcomes.map((_x, k) => (k === i ? v : f.outcomeResponses[k] ?? ''));
            return set({ outcomeResponses: next });
          }}
        />
      ))}
    </div>
  );
}

/** The independent person's report: independence, what they took part in, timescales and keeping informed. */
export function IpReportFields({ editor }: { editor: CaseEditor }) {
  const r = editor.record!;
  const rv = r.ipReview;
  const set = (patch: Partial<IpReview>) => editor.save((rec) => ({ ...rec, ipReview: { ...rec.ipReview, ...patch } }));
  const setItem = (id: string, patch: Partial<IpReview['participation'][number]>) => set({ participation: rv.participation.map((x) => (x.id === id ? { ...x, ...patch } : x)) });
  return (
    <div>
      <h3>For the independent person’s report</h3>
      <TextField label="Statement of independence" multiline rows={3} value={rv.independence} maxLength={5000} onSave={(v) => set({ independence: v })} hint="Left empty, the report states the statutory test: not a member or officer of the council, nor the spouse or civil partner of one." />
      <h4>What the independent person took part in</h4>
      {rv.participation.map((x, i) => (
        <div key={x.id} className="item-card grid" role="group" aria-label={`Part ${i + 1} the independent person took part in`}>
          <TextField label={`What (${i + 1})`} value={x.what} validate={(v) => (v.trim() ? null : 'Say what the independent person took part in.')} onSave={(v) => setItem(x.id, { what: v.trim() })} />
          <DateField label={`Date (${i + 1})`} value={x.date} onSave={(d) => setItem(x.id, { date: d })} />
          <button type="button" className="button button--secondary" onClick={() => void set({ participation: rv.participation.filter((y) => y.id !== x.id) })}>
            Remove item {i + 1}
          </button>
        </div>
      ))}
      <button type="button" className="button button--secondary" onClick={() => void set({ participation: [...rv.participation, { id: newId('ip-part'), date: null, what: 'Meeting' }] })}>
        Add a meeting, interview or draft read
      </button>
      <Tristate name="ip-timescales" legend="Were the timescales met?" value={rv.timescalesMet} yes="Yes, the timescales were met" no="No, they were not met" onPick={(v) => void set({ timescalesMet: v })} />
      <Tristate name="ip-informed" legend="Was the complainant kept informed?" value={rv.keptInformed} yes="Yes, kept informed" no="No, not kept informed" onPick={(v) => void set({ keptInformed: v })} />
      <TextField label="Comment on timescales and keeping the complainant informed" multiline rows={2} value={rv.timescalesComment} maxLength={5000} onSave={(v) => set({ timescalesComment: v })} />
    </div>
  );
}

/** The adjudication letter: remedy, monitoring, how it is sent, and which recommendation each action answers. */
export function AdjudicationLetterFields({ editor }: { editor: CaseEditor }) {
  const r = editor.record!;
  const adj = r.adjudication;
  const set = (patch: Partial<Adjudication>) => editor.save((rec) => ({ ...rec, adjudication: { ...rec.adjudication, ...patch } }));
  return (
    <div>
      <h3>For the adjudication letter</h3>
      {adj.actions.map((a, i) => (
        <Field key={a.id} label={`Action ${i + 1} answers recommendation`}>
          {({ id }) => (
            <select id={id} value={a.recommendationId ?? ''} onChange={(e) => void set({ actions: adj.actions.map((x) => (x.id === a.id ? { ...x, recommendationId: e.target.value || null } : x)) })}>
              <option value="">No recommendation</option>
              {r.recommendations.map((x, n) => (
                <option key={x.id} value={x.id}>
                  Recommendation {n + 1}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
      <TextField label="Remedy or redress offered" multiline rows={3} value={adj.remedy} maxLength={TEXT_LIMITS.prose} onSave={(v) => set({ remedy: v })} hint="For example a payment in recognition of time and trouble, or a service put right." />
      <TextField label="How the council will monitor the actions and tell the complainant" multiline rows={2} value={adj.monitoring} maxLength={5000} onSave={(v) => set({ monitoring: v })} hint="Left empty, the letter says the complaints manager monitors them and writes when they are complete." />
      <Field label="How the letter is sent" hint="The 20 working days for a review panel run from the day it reaches the complainant: that day by e-mail, the second working day after posting first class.">
        {({ id, describedBy }) => (
          <select id={id} aria-describedby={describedBy} value={adj.sentBy} onChange={(e) => void set({ sentBy: e.target.value as Adjudication['sentBy'] })}>
            <option value="email">By e-mail</option>
            <option value="post">By first-class post</option>
          </select>
        )}
      </Field>
    </div>
  );
}
