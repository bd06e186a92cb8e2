import { DECISIONS, TEXT_LIMITS, type Adjudication, type IpReview } from '../../../../shared/domain/investigation';
import { EMPTY_DOC, richFromPlain, richToPlain } from '../../../../shared/domain/richText';
import { RichTextField } from '../../ui/LazyRichTextField';
import { DateField } from '../../ui/DateField';
import type { CaseEditor } from './useCaseEditor';
import { newId } from './useCaseEditor';
import { AdjudicationLetterFields, IpReportFields } from './ReportDetails';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "upheld", "no finding could be reached", "no finding yet": never "finding unable to reach a finding". */
function findingInWords(f: string | null): string {
  if (f === null) return 'no finding yet';
  if (f === 'unable to reach a finding') return 'no finding could be reached';
  return f;
}

/** The independent person's view, which their report sets out. */
export function IpReviewTab({ editor }: { editor: CaseEditor }) {
  const r = editor.record!;
  const rv = r.ipReview;
  const set = (patch: Partial<IpReview>) => editor.save((rec) => ({ ...rec, ipReview: { ...rec.ipReview, ...patch } }));
  const setPoint = (pid: string, patch: Partial<IpReview['perPoint'][string]>) =>
    editor.save((rec) => ({ ...rec, ipReview: { ...rec.ipReview, perPoint: { ...rec.ipReview.perPoint, [pid]: { agrees: null, comment: EMPTY_DOC, ...rec.ipReview.perPoint[pid], ...patch } } } }));
  return (
    <section aria-labelledby="ip-heading">
      <h2 id="ip-heading">Independent person’s review</h2>
      <RichTextField label="Was the investigation fair?" value={rv.fairness} maxLength={TEXT_LIMITS.longProse} people={r.people} onSave={(v) => set({ fairness: v })} />
      <RichTextField label="Was it thorough?" value={rv.thoroughness} maxLength={TEXT_LIMITS.longProse} people={r.people} onSave={(v) => set({ thoroughness: v })} />
      <RichTextField label="Was it open and transparent?" value={rv.transparency} maxLength={TEXT_LIMITS.longProse} people={r.people} onSave={(v) => set({ transparency: v })} />
      <RichTextField label="Was it focused on the child?" value={rv.childFocus} maxLength={TEXT_LIMITS.longProse} people={r.people} onSave={(v) => set({ childFocus: v })} />
      {r.points.filter((p) => p.status === 'active').map((p) => {
        const mine = rv.perPoint[p.id];
        return (
          <fieldset key={p.id} className="item-card">
            <legend>
              Point {p.number}: {findingInWords(r.findings[p.id]?.finding ?? null)}
            </legend>
            {r.findings[p.id]?.finding ? (
              ([['yes', true], ['no', false]] as const).map(([word, value]) => (
                <div className="checkbox" key={word}>
                  <input type="radio" id={`ip-${p.id}-${word}`} name={`ip-${p.id}`} checked={mine?.agrees === value} onChange={() => void setPoint(p.id, { agrees: value })} />
                  <label htmlFor={`ip-${p.id}-${word}`}>{value ? `I agree with the finding on point ${p.number}` : `I do not agree with the finding on point ${p.number}`}</label>
                </div>
              ))
            ) : (
              <p className="hint">There is no finding on point {p.number} yet, so there is nothing to agree or disagree with; comment on the investigation of it below.</p>
            )}
            <RichTextField label={`Comment on point ${p.number}`} value={mine?.comment ?? EMPTY_DOC} maxLength={TEXT_LIMITS.prose} people={r.people} onSave={(v) => setPoint(p.id, { comment: v })} />
          </fieldset>
        );
      })}
      <RichTextField label="Further observations" value={rv.observations} maxLength={TEXT_LIMITS.longProse} people={r.people} onSave={(v) => set({ observations: v })} />
      <IpReportFields editor={editor} />
    </section>
  );
}

/** The adjudicating officer's decisions on each finding and recommendation, and the action plan. */
export function AdjudicationTab({ editor }: { editor: CaseEditor }) {
  const r = editor.record!;
  const adj = r.adjudication;
  const set = (patch: Partial<Adjudication>) => editor.save((rec) => ({ ...rec, adjudication: { ...rec.adjudication, ...patch } }));
  const decisionPicker = (name: string, label: string, value: string | null, onPick: (d: (typeof DECISIONS)[number]) => void) => (
    <fieldset>
      <legend>{label}</legend>
      {DECISIONS.map((d) => (
        <div className="checkbox" key={d}>
          <input type="radio" id={`${name}-${d.replace(/ /g, '-')}`} name={name} checked={value === d} onChange={() => onPick(d)} />
          <label htmlFor={`${name}-${d.replace(/ /g, '-')}`}>{cap(d)}</label>
        </div>
      ))}
    </fieldset>
  );
  return (
    <section aria-labelledby="adj-heading">
      <h2 id="adj-heading">Adjudication</h2>
      <DateField label="Date of the decision" value={adj.decidedOn} onSave={(d) => set({ decidedOn: d })} hint="The letter is dated this day, and the 20 working days to ask for a review panel run from it. For example 24/08/2026 or 24 August 2026." />
      {r.points.filter((p) => p.status === 'active').map((p) => {
        const d = adj.perPoint[p.id];
        return (
          <div key={p.id} className="item-card">
            <h3>
              Point {p.number}: {findingInWords(r.findings[p.id]?.finding ?? null)}
            </h3>
            {r.findings[p.id]?.finding ? (
              decisionPicker(`adj-${p.id}`, `Decision on the finding on point ${p.number}`, d?.decision ?? null, (x) => void set({ perPoint: { ...adj.perPoint, [p.id]: { reasons: EMPTY_DOC, ...d, decision: x } } }))
            ) : (
              <p className="hint">The investigating officer has not made a finding on point {p.number} yet; a decision can be recorded once there is one.</p>
            )}
            <RichTextField label={`Reasons for the decision on point ${p.number}`} value={d?.reasons ?? EMPTY_DOC} maxLength={TEXT_LIMITS.prose} people={r.people} onSave={(v) => set({ perPoint: { ...adj.perPoint, [p.id]: { decision: null, ...d, reasons: v } } })} />
          </div>
        );
      })}
      {r.recommendations.map((rec, i) => {
        const d = adj.perRecommendation[rec.id];
        return (
          <div key={rec.id} className="item-card">
            <h3>Recommendation {i + 1}</h3>
            <p>{richToPlain(rec.text)}</p>
            {decisionPicker(`adjrec-${rec.id}`, `Decision on recommendation ${i + 1}`, d?.decision ?? null, (x) => void set({ perRecommendation: { ...adj.perRecommendation, [rec.id]: { reasons: EMPTY_DOC, ...d, decision: x } } }))}
            <RichTextField label={`Reasons for the decision on recommendation ${i + 1}`} value={d?.reasons ?? EMPTY_DOC} maxLength={TEXT_LIMITS.prose} people={r.people} onSave={(v) => set({ perRecommendation: { ...adj.perRecommendation, [rec.id]: { decision: null, ...d, reasons: v } } })} />
          </div>
        );
      })}
      <h3>Action plan</h3>
      {adj.actions.map((a, i) => (
        <div key={a.id} className="item-card grid">
          <RichTextField label={`Action ${i + 1}`} value={a.text} required="Enter the action." maxLength={2000} people={r.people} onSave={(v) => set({ actions: adj.actions.map((x) => (x.id === a.id ? { ...x, text: v } : x)) })} />
          <RichTextField compact label={`Who does action ${i + 1}`} hint="A role, a team, or a person mentioned with @." value={a.owner} maxLength={300} people={r.people} onSave={(v) => set({ actions: adj.actions.map((x) => (x.id === a.id ? { ...x, owner: v } : x)) })} />
          <DateField label={`Action ${i + 1} due by`} value={a.dueOn} onSave={(d) => set({ actions: adj.actions.map((x) => (x.id === a.id ? { ...x, dueOn: d } : x)) })} />
        </div>
      ))}
      <button type="button" className="button button--secondary" onClick={() => {
        const actionId = newId('action');
        void editor.save((rec) => ({ ...rec, adjudication: { ...rec.adjudication, actions: [...rec.adjudication.actions, { id: actionId, text: richFromPlain('New action'), owner: EMPTY_DOC, dueOn: null, recommendationId: null }] } }));
      }}>
        Add an action
      </button>
      <RichTextField label="Apology (where fault is found)" value={adj.apology} maxLength={TEXT_LIMITS.prose} people={r.people} onSave={(v) => set({ apology: v })} hint="The letter apologises only where you accept an upheld or partly upheld finding; left empty, it uses a standard apology naming those points." />
      <AdjudicationLetterFields editor={editor} />
    </section>
  );
}
