import { useEffect, useState } from 'react';
import type { IssuedDocument } from '../../../../shared/api/types';
import { DOCUMENT_TITLES, type DocumentKind } from '../../../../shared/documents/model';
import { call } from '../../api';
import { FINDINGS, type Finding } from '../../../../shared/domain/investigation';
import { EMPTY_DOC, richFromPlain } from '../../../../shared/domain/richText';
import { PointPicker } from '../../ui/PointPicker';
import { RichTextField } from '../../ui/LazyRichTextField';
import { TextField } from '../../ui/TextField';
import { PointReportFields } from './ReportDetails';
import type { CaseEditor } from './useCaseEditor';
import { newId } from './useCaseEditor';

const blank: Finding = { complainantSays: EMPTY_DOC, recordsShow: EMPTY_DOC, staffSay: EMPTY_DOC, analysis: EMPTY_DOC, finding: null, references: [], outcomeResponses: [] };

/** For each point: the accounts, the analysis and the finding; then the recommendations, each linked to its points. */
export function FindingsTab({ editor, focusItem = null }: { editor: CaseEditor; focusItem?: string | null }) {
  const r = editor.record!;
  const live = r.points.filter((p) => p.status === 'active');
  // A search hit on a finding names its point: open that one, not the first.
  const [open, setOpen] = useState((live.find((p) => p.id === focusItem) ?? live[0])?.id ?? '');
  const setFinding = (pid: string, patch: Partial<Finding>) =>
    editor.save((rec) => ({ ...rec, findings: { ...rec.findings, [pid]: { ...(rec.findings[pid] ?? blank), ...patch } } }));
  // Documents already marked final: changing a finding makes them out of date (issue 13), so say so first.
  const [finals, setFinals] = useState<IssuedDocument[]>([]);
  const caseId = editor.stored?.id;
  useEffect(() => {
    if (!caseId) return;
    call('documents.list', { caseId }).then(
      (list) => setFinals(list.filter((d) => d.final && d.variant === 'council' && ['investigation-report', 'ip-report', 'adjudication-letter'].includes(d.kind))),
      () => setFinals([]),
    );
  }, [caseId]);
  const finalWords = finals.map((d) => `the ${DOCUMENT_TITLES[d.kind as DocumentKind].toLowerCase()} (version ${d.version})`).join(', ');
  const pickFinding = (pid: string, o: Finding['finding']) => {
    if (finals.length && !window.confirm(`Already marked final: ${finalWords}. Changing this finding starts a new version of each, which must be issued again. Change it?`)) return;
    void setFinding(pid, { finding: o });
  };
  const point = r.points.find((p) => p.id === open);
  const f = (point && r.findings[point.id]) ?? blank;

  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">Findings and recommendations</h2>
      <div className="field">
        <label htmlFor="finding-point">Point of complaint</label>
        <select id="finding-point" value={open} onChange={(e) => setOpen(e.target.value)}>
          {r.points.filter((p) => p.status === 'active').map((p) => (
            <option key={p.id} value={p.id}>
              Point {p.number}: {r.findings[p.id]?.finding ?? 'no finding yet'}
            </option>
          ))}
        </select>
      </div>
      {point && (
        <div key={point.id} className="item-card">
          <h3>Point {point.number}</h3>
          <blockquote>{point.summary}</blockquote>
          <RichTextField label={`Point ${point.number}: what the complainant says`} value={f.complainantSays} onSave={(doc) => void setFinding(point.id, { complainantSays: doc })} people={r.people} />
          <RichTextField label={`Point ${point.number}: what the records show`} value={f.recordsShow} onSave={(doc) => void setFinding(point.id, { recordsShow: doc })} people={r.people} />
          <RichTextField label={`Point ${point.number}: what staff say`} value={f.staffSay} onSave={(doc) => void setFinding(point.id, { staffSay: doc })} people={r.people} />
          <PointReportFields editor={editor} pointId={point.id} />
          <RichTextField label={`Point ${point.number}: analysis`} hint="On the balance of probabilities." value={f.analysis} onSave={(doc) => void setFinding(point.id, { analysis: doc })} people={r.people} />
          <fieldset>
            <legend>Finding on point {point.number}</legend>
            {finals.length > 0 && <p className="hint">Already marked final: {finalWords}. Changing a finding starts a new version of each.</p>}
            {FINDINGS.map((o) => (
              <div className="checkbox" key={o}>
                <input type="radio" id={`finding-${point.id}-${o.replace(/ /g, '-')}`} name={`finding-${point.id}`} checked={f.finding === o} onChange={() => pickFinding(point.id, o)} />
                <label htmlFor={`finding-${point.id}-${o.replace(/ /g, '-')}`}>{o[0]!.toUpperCase() + o.slice(1)}</label>
              </div>
            ))}
          </fieldset>
        </div>
      )}
      <h3>Recommendations</h3>
      {r.recommendations.map((rec, i) => (
        <div key={rec.id} className="item-card" role="group" aria-label={`Recommendation ${i + 1}`}>
          <RichTextField label={`Text of recommendation ${i + 1}`} value={rec.text} people={r.people} onSave={(doc) => void editor.save((x) => ({ ...x, recommendations: x.recommendations.map((y) => (y.id === rec.id ? { ...y, text: doc } : y)) }))} />
          <div className="grid">
            <TextField label={`Suggested owner of recommendation ${i + 1}`} value={rec.owner} maxLength={200} onSave={(v) => editor.save((x) => ({ ...x, recommendations: x.recommendations.map((y) => (y.id === rec.id ? { ...y, owner: v } : y)) }))} />
            <TextField label={`Timescale for recommendation ${i + 1}`} value={rec.timescale} maxLength={200} hint="For example “within 3 months”." onSave={(v) => editor.save((x) => ({ ...x, recommendations: x.recommendations.map((y) => (y.id === rec.id ? { ...y, timescale: v } : y)) }))} />
          </div>
          <PointPicker legend={`Points recommendation ${i + 1} answers`} points={r.points} value={rec.pointIds} onChange={(ids) => void editor.save((x) => ({ ...x, recommendations: x.recommendations.map((y) => (y.id === rec.id ? { ...y, pointIds: ids } : y)) }))} />
          <button type="button" className="button button--secondary" onClick={() => {
            if (window.confirm(`Delete recommendation ${i + 1}?`)) void editor.save((x) => ({ ...x, recommendations: x.recommendations.filter((y) => y.id !== rec.id) }), { undoable: `deleting recommendation ${i + 1}` });
          }}>
            Delete recommendation {i + 1}
          </button>
        </div>
      ))}
      <button type="button" className="button" onClick={() => {
        const recId = newId('rec');
        // Linked to no point until the user ticks the points it answers: linking is their choice, not the screen's.
        void editor.save((x) => ({ ...x, recommendations: [...x.recommendations, { id: recId, text: richFromPlain('New recommendation'), pointIds: [], owner: '', timescale: '' }] }), { describe: 'Recommendation added; tick the points it answers.' });
      }}>
        Add a recommendation
      </button>
    </section>
  );
}
