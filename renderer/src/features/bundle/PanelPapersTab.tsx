import { useEffect, useState } from 'react';
import type { ApiOutput } from '../../../../shared/api/contract';
import { STAGE3_KINDS } from '../../../../shared/documents/model';
import { DECISIONS, FINDINGS, TEXT_LIMITS } from '../../../../shared/domain/investigation';
import { EMPTY_PANEL_PAPERS, panelPapersOf, type CouncilResponse, type PanelPapers } from '../../../../shared/domain/panelPapers';
import { EMPTY_DOC, richFromPlain, richToPlain } from '../../../../shared/domain/richText';
import { call, messageOf } from '../../api';
import { DateField } from '../../ui/DateField';
import { Alert } from '../../ui/Field';
import { RichTextField } from '../../ui/LazyRichTextField';
import { PointPicker } from '../../ui/PointPicker';
import { TextField } from '../../ui/TextField';
import { DocumentsTab } from '../workspace/DocumentsTab';
import type { CaseEditor } from '../workspace/useCaseEditor';
import { newId } from '../workspace/useCaseEditor';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const slug = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-');

/**
 * The Stage 3 panel's papers (issue 16): the two clocks in sentences, the panel's finding and reasons on each
 * point, its recommendations and conclusions, the council's response to each recommendation with actions and
 * who signs; then the two documents to preview, issue and export (the Documents tab's own panel, narrowed).
 */
export function PanelPapersTab({ editor, focusItem = null }: { editor: CaseEditor; focusItem?: string | null }) {
  const r = editor.record!;
  const caseId = editor.stored!.id;
  const pp = panelPapersOf(r);
  const res = pp.response;
  const [papers, setPapersView] = useState<ApiOutput<'bundle.papers'> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // The clocks are counted in the main process, to the same today as the deadlines and the documents.
  useEffect(() => {
    call('bundle.papers', { caseId }).then(
      (v) => {
        setPapersView(v);
        setLoadError(null);
      },
      (e) => setLoadError(messageOf(e)),
    );
  }, [caseId, editor.stored?.revision]);
  // A search hit names the part it found (point:ID, rec:ID, conclusions): bring it into view.
  useEffect(() => {
    if (!focusItem) return;
    document.getElementById(`papers-${focusItem.replace(/[^A-Za-z0-9_-]/g, '-')}`)?.scrollIntoView({ block: 'start' });
  }, [focusItem]);
  const panel = papers?.panel ?? [];
  const planned = papers?.hearingDate ?? null;

  const setPapers = (change: (p: PanelPapers) => PanelPapers) => editor.save((rec) => ({ ...rec, panelPapers: change(rec.panelPapers ?? EMPTY_PANEL_PAPERS) }));
  const setResponse = (change: (x: CouncilResponse) => CouncilResponse) => setPapers((p) => ({ ...p, response: change(p.response) }));
  const setKeyDate = (k: 'panelHeld' | 'panelReportSent' | 'councilResponseSent', d: string | null) => editor.save((rec) => ({ ...rec, keyDates: { ...rec.keyDates, [k]: d } }));
  const live = r.points.filter((p) => p.status === 'active' && p.inProcedure);
  const clocks = papers?.clocks ?? [];
  const chair = panel.find((m) => m.role === 'chair');

  return (
    <section aria-labelledby="papers-heading">
      <h2 id="papers-heading">Panel papers (Stage 3)</h2>
      <p className="hint">
        The review panel’s report, within 5 working days of the hearing, and the council’s response to it, within 15 working days of receiving the report. The panel and the planned hearing date are on the Hearing pack tab.
      </p>
      {loadError && <Alert kind="error">{loadError}</Alert>}
      <p>{chair ? `The report is signed by ${chair.name}, who chairs the panel${panel.length > 1 ? `, with ${panel.filter((m) => m.role === 'member').map((m) => m.name).join(' and ')}` : ''}.` : 'No chair of the panel is recorded yet; add the panel on the Hearing pack tab.'}</p>

      <h3>Dates and deadlines</h3>
      <div className="grid">
        <DateField label="Date the panel met" value={r.keyDates.panelHeld} onSave={(d) => setKeyDate('panelHeld', d)} hint={planned ? `Planned for ${planned} (Hearing pack tab). For example 24/08/2026.` : undefined} />
        <DateField label="Date the panel’s report was sent" value={r.keyDates.panelReportSent} onSave={(d) => setKeyDate('panelReportSent', d)} />
        <DateField label="Date the council’s response was sent" value={r.keyDates.councilResponseSent} onSave={(d) => setKeyDate('councilResponseSent', d)} />
      </div>
      <ul aria-label="Deadlines of the panel’s papers">
        {clocks.map((c) => (
          <li key={c.id} className={c.late ? 'state--overdue' : undefined}>
            <strong>{c.label}:</strong> {c.sentence}
          </li>
        ))}
      </ul>

      <h3>The panel’s report</h3>
      {live.length === 0 && <p className="hint">There are no points of complaint inside the procedure yet.</p>}
      {live.map((p) => {
        const mine = pp.perPoint[p.id];
        const setPoint = (patch: Partial<PanelPapers['perPoint'][string]>) => setPapers((x) => ({ ...x, perPoint: { ...x.perPoint, [p.id]: { finding: null, reasons: EMPTY_DOC, ...x.perPoint[p.id], ...patch } } }));
        return (
          <div key={p.id} id={`papers-point-${p.id.replace(/[^A-Za-z0-9_-]/g, '-')}`} className="item-card" role="group" aria-label={`Panel’s finding on point ${p.number}`}>
            <h4>Point {p.number}</h4>
            <blockquote>{p.summary}</blockquote>
            <p>Stage 2 finding: {r.findings[p.id]?.finding ?? 'none made'}.</p>
            <fieldset>
              <legend>The panel’s finding on point {p.number}</legend>
              {FINDINGS.map((o) => (
                <div className="checkbox" key={o}>
                  <input type="radio" id={`panel-finding-${p.id}-${slug(o)}`} name={`panel-finding-${p.id}`} checked={mine?.finding === o} onChange={() => void setPoint({ finding: o })} />
                  <label htmlFor={`panel-finding-${p.id}-${slug(o)}`}>{cap(o)}</label>
                </div>
              ))}
            </fieldset>
            <RichTextField label={`The panel’s reasons on point ${p.number}`} hint="Type @ to mention someone from the People tab: the complainant’s version shows their pseudonym." value={mine?.reasons ?? EMPTY_DOC} maxLength={TEXT_LIMITS.prose} people={r.people} onSave={(v) => void setPoint({ reasons: v })} />
          </div>
        );
      })}

      <h4>The panel’s recommendations</h4>
      {pp.recommendations.map((x, i) => (
        <div key={x.id} id={`papers-rec-${x.id.replace(/[^A-Za-z0-9_-]/g, '-')}`} className="item-card" role="group" aria-label={`Panel recommendation ${i + 1}`}>
          <RichTextField label={`Text of panel recommendation ${i + 1}`} required="Enter the recommendation." maxLength={5000} value={x.text} people={r.people} onSave={(v) => void setPapers((pa) => ({ ...pa, recommendations: pa.recommendations.map((y) => (y.id === x.id ? { ...y, text: v } : y)) }))} />
          <PointPicker legend={`Points panel recommendation ${i + 1} answers`} points={r.points} value={x.pointIds} onChange={(ids) => void setPapers((pa) => ({ ...pa, recommendations: pa.recommendations.map((y) => (y.id === x.id ? { ...y, pointIds: ids } : y)) }))} />
          <div className="grid">
            <TextField label={`Who, for panel recommendation ${i + 1}`} hint="If the panel says; a role or a team." maxLength={200} value={x.owner} onSave={(v) => setPapers((pa) => ({ ...pa, recommendations: pa.recommendations.map((y) => (y.id === x.id ? { ...y, owner: v.trim() } : y)) }))} />
            <TextField label={`By when, for panel recommendation ${i + 1}`} hint="If the panel says, e.g. within 3 months." maxLength={200} value={x.timescale} onSave={(v) => setPapers((pa) => ({ ...pa, recommendations: pa.recommendations.map((y) => (y.id === x.id ? { ...y, timescale: v.trim() } : y)) }))} />
          </div>
          <button
            type="button"
            className="link"
            onClick={() => {
              if (!window.confirm(`Remove panel recommendation ${i + 1}, with the council’s response to it and its actions?`)) return;
              void setPapers((pa) => {
                const { [x.id]: _gone, ...rest } = pa.response.perRecommendation;
                return { ...pa, recommendations: pa.recommendations.filter((y) => y.id !== x.id), response: { ...pa.response, perRecommendation: rest, actions: pa.response.actions.map((a) => (a.recommendationId === x.id ? { ...a, recommendationId: null } : a)) } };
              });
            }}
          >
            Remove panel recommendation {i + 1}
          </button>
        </div>
      ))}
      <button type="button" className="button button--secondary" onClick={() => void setPapers((pa) => ({ ...pa, recommendations: [...pa.recommendations, { id: newId('prec'), text: richFromPlain('New recommendation'), pointIds: [], owner: '', timescale: '' }] }))}>
        Add a panel recommendation
      </button>
      <div id="papers-conclusions" />
      <RichTextField label="The panel’s conclusions" value={pp.conclusions} maxLength={TEXT_LIMITS.longProse} people={r.people} onSave={(v) => void setPapers((pa) => ({ ...pa, conclusions: v }))} />

      <h3>The council’s response</h3>
      <DateField label="Date of the council’s response" value={res.respondedOn} onSave={(d) => setResponse((x) => ({ ...x, respondedOn: d }))} hint="The letter is dated this day. For example 24/08/2026 or 24 August 2026." />
      {pp.recommendations.length === 0 && <p className="hint">The panel has made no recommendations yet; the response answers each one the panel makes.</p>}
      {pp.recommendations.map((x, i) => {
        const d = res.perRecommendation[x.id];
        const missing = r.points.filter((p) => x.pointIds.includes(p.id) && p.status === 'active' && !pp.perPoint[p.id]?.finding);
        return (
          <div key={x.id} className="item-card" role="group" aria-label={`The council’s response to panel recommendation ${i + 1}`}>
            <h4>Panel recommendation {i + 1}</h4>
            <p>{richToPlain(x.text)}</p>
            {missing.length ? (
              <p className="hint">The panel has made no finding yet on point{missing.length === 1 ? '' : 's'} {missing.map((p) => p.number).join(', ')}; the council can respond once it has.</p>
            ) : (
              <fieldset>
                <legend>The council’s response to panel recommendation {i + 1}</legend>
                {DECISIONS.map((o) => (
                  <div className="checkbox" key={o}>
                    <input type="radio" id={`response-${x.id}-${slug(o)}`} name={`response-${x.id}`} checked={d?.decision === o} onChange={() => void setResponse((y) => ({ ...y, perRecommendation: { ...y.perRecommendation, [x.id]: { reasons: EMPTY_DOC, ...y.perRecommendation[x.id], decision: o } } }))} />
                    <label htmlFor={`response-${x.id}-${slug(o)}`}>{cap(o)}</label>
                  </div>
                ))}
              </fieldset>
            )}
            <RichTextField
              label={`Reasons for the response to panel recommendation ${i + 1}`}
              hint="Required where the council does not accept a recommendation in full."
              value={d?.reasons ?? EMPTY_DOC}
              maxLength={TEXT_LIMITS.prose}
              people={r.people}
              onSave={(v) => void setResponse((y) => ({ ...y, perRecommendation: { ...y.perRecommendation, [x.id]: { decision: null, ...y.perRecommendation[x.id], reasons: v } } }))}
            />
          </div>
        );
      })}
      <h4>What the council will do</h4>
      {res.actions.map((a, i) => {
        const setAction = (patch: Partial<CouncilResponse['actions'][number]>) => setResponse((y) => ({ ...y, actions: y.actions.map((z) => (z.id === a.id ? { ...z, ...patch } : z)) }));
        return (
          <div key={a.id} className="item-card grid" role="group" aria-label={`Council action ${i + 1}`}>
            <RichTextField label={`Council action ${i + 1}`} value={a.text} required="Enter the action." maxLength={2000} people={r.people} onSave={(v) => void setAction({ text: v })} />
            <RichTextField compact label={`Who does council action ${i + 1}`} hint="A role, a team, or a person mentioned with @." value={a.owner} maxLength={300} people={r.people} onSave={(v) => void setAction({ owner: v })} />
            <DateField label={`Council action ${i + 1} due by`} value={a.dueOn} onSave={(d) => setAction({ dueOn: d })} />
            <div className="field">
              <label htmlFor={`action-rec-${a.id}`}>Panel recommendation council action {i + 1} answers</label>
              <select id={`action-rec-${a.id}`} value={a.recommendationId ?? ''} onChange={(e) => void setAction({ recommendationId: e.target.value || null })}>
                <option value="">None</option>
                {pp.recommendations.map((x, k) => (
                  <option key={x.id} value={x.id}>
                    Panel recommendation {k + 1}
                  </option>
                ))}
              </select>
            </div>
            <button type="button" className="link" onClick={() => void setResponse((y) => ({ ...y, actions: y.actions.filter((z) => z.id !== a.id) }))}>
              Remove council action {i + 1}
            </button>
          </div>
        );
      })}
      <button type="button" className="button button--secondary" onClick={() => void setResponse((y) => ({ ...y, actions: [...y.actions, { id: newId('paction'), text: richFromPlain('New action'), owner: EMPTY_DOC, dueOn: null, recommendationId: null }] }))}>
        Add a council action
      </button>
      <RichTextField label="The council’s further response" hint="Anything beyond the recommendations: an apology, what the council has learnt." value={res.remarks} maxLength={TEXT_LIMITS.prose} people={r.people} onSave={(v) => void setResponse((y) => ({ ...y, remarks: v }))} />
      <div className="grid">
        <TextField label="Who signs the council’s response" hint="The director of children’s services or the officer responsible." maxLength={200} value={res.signatory.name} onSave={(v) => setResponse((y) => ({ ...y, signatory: { ...y.signatory, name: v.trim() } }))} />
        <TextField label="Their role" hint="For example Director of Children’s Services." maxLength={200} value={res.signatory.role} onSave={(v) => setResponse((y) => ({ ...y, signatory: { ...y.signatory, role: v.trim() } }))} />
      </div>

      <DocumentsTab editor={editor} kinds={STAGE3_KINDS} title="The panel’s report and the council’s response: preview, issue and export" level={3} />
    </section>
  );
}
