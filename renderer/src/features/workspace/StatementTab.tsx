import type { CaseRecord, PointOfComplaint } from '../../../../shared/domain/case';
import { TextField } from '../../ui/TextField';
import type { CaseEditor } from './useCaseEditor';
import { newId } from './useCaseEditor';

type Point = CaseRecord['points'][number];
const renumber = (points: Point[]): Point[] => points.map((p, i) => ({ ...p, number: i + 1 }));

/** The agreed statement: numbered points in the complainant's words, reordered, split, merged or withdrawn. */
export function StatementTab({ editor }: { editor: CaseEditor }) {
  const r = editor.record!;
  const setPoint = (pid: string, patch: Partial<PointOfComplaint>, opts?: { undoable?: string }) =>
    editor.save((rec) => ({ ...rec, points: rec.points.map((p) => (p.id === pid ? { ...p, ...patch } : p)) }), opts);
  const move = (i: number, by: -1 | 1) =>
    editor.save((rec) => {
      const pts = [...rec.points];
      const [p] = pts.splice(i, 1);
      pts.splice(i + by, 0, p!);
      return { ...rec, points: renumber(pts) };
    }, { describe: 'Points renumbered.' });

  return (
    <section aria-labelledby="statement-heading">
      <h2 id="statement-heading">Statement of complaint</h2>
      <TextField label="How and when the complainant agreed the statement" value={r.statement.agreedHow} onSave={(v) => editor.save((rec) => ({ ...rec, statement: { ...rec.statement, agreedHow: v } }))} hint="For example: at a meeting with the IO and IP on 2 November, confirmed by e-mail. The date itself is a key date on the Overview." />
      <ol className="points-editor">
        {r.points.map((p, i) => (
          <li key={p.id} className={`point-card point-card--${p.status}`} aria-label={`Point ${p.number}`}>
            <h3>
              Point {p.number}
              {p.status !== 'active' && <span className="tag">{p.status === 'withdrawn' ? 'withdrawn' : `merged into point ${r.points.find((x) => x.id === p.mergedInto)?.number ?? '?'}`}</span>}
              {!p.inProcedure && <span className="tag">outside the statutory procedure</span>}
            </h3>
            <TextField label={`Point ${p.number} in the complainant's words`} multiline value={p.summary} validate={(v) => (v.trim() ? null : 'Enter the point of complaint.')} onSave={(v) => setPoint(p.id, { summary: v })} />
            <TextField label={`Outcomes sought for point ${p.number} (one per line)`} multiline rows={2} value={p.desiredOutcomes.join('\n')} onSave={(v) => setPoint(p.id, { desiredOutcomes: v.split('\n').map((x) => x.trim()).filter(Boolean) })} />
            <div className="field">
              <label htmlFor={`cat-${p.id}`}>Category for point {p.number}</label>
              <select id={`cat-${p.id}`} value={p.category} onChange={(e) => void setPoint(p.id, { category: e.target.value })}>
                <option value="">Not chosen</option>
                {r.council.categories.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
            <div className="checkbox">
              <input id={`inproc-${p.id}`} type="checkbox" checked={p.inProcedure} onChange={(e) => void setPoint(p.id, { inProcedure: e.target.checked })} />
              <label htmlFor={`inproc-${p.id}`}>Point {p.number} is within the statutory procedure</label>
            </div>
            {!p.inProcedure && <TextField label={`Why point ${p.number} is outside the procedure`} multiline rows={2} value={p.outOfProcedureReason} onSave={(v) => setPoint(p.id, { outOfProcedureReason: v })} />}
            {p.status !== 'active' && <TextField label={`Why point ${p.number} was ${p.status}`} multiline rows={2} value={p.statusReason} onSave={(v) => setPoint(p.id, { statusReason: v })} />}
            <div className="actions">
              <button type="button" className="button button--secondary" disabled={i === 0} onClick={() => void move(i, -1)}>
                Move point {p.number} up
              </button>
              <button type="button" className="button button--secondary" disabled={i === r.points.length - 1} onClick={() => void move(i, 1)}>
                Move point {p.number} down
              </button>
              <button type="button" className="button button--secondary" onClick={() => {
                const splitId = newId('point');
                void editor.save((rec) => {
                  const pts = [...rec.points];
                  pts.splice(i + 1, 0, { ...p, id: splitId, summary: `Part of point ${p.number}: ${p.summary}`, status: 'active', statusReason: '', mergedInto: null });
                  return { ...rec, points: renumber(pts) };
                }, { undoable: `splitting point ${p.number}` });
              }}>
                Split point {p.number}
              </button>
              {p.status === 'active' ? (
                <>
                  <button type="button" className="button button--secondary" onClick={() => {
                    if (window.confirm(`Withdraw point ${p.number}? It stays in the case, marked as withdrawn.`)) void setPoint(p.id, { status: 'withdrawn' }, { undoable: `withdrawing point ${p.number}` });
                  }}>
                    Withdraw point {p.number}
                  </button>
                  {i > 0 && (
                    <button type="button" className="button button--secondary" onClick={() => {
                      const target = r.points[i - 1]!;
                      if (!window.confirm(`Merge point ${p.number} into point ${target.number}? Point ${p.number} stays in the case, marked as merged.`)) return;
                      void editor.save((rec) => ({
                        ...rec,
                        points: rec.points.map((x) =>
                          x.id === target.id ? { ...x, summary: `${x.summary}\n${p.summary}`, desiredOutcomes: [...x.desiredOutcomes, ...p.desiredOutcomes] } : x.id === p.id ? { ...x, status: 'merged', mergedInto: target.id } : x,
                        ),
                      }), { undoable: `merging point ${p.number}` });
                    }}>
                      Merge point {p.number} into point {r.points[i - 1]!.number}
                    </button>
                  )}
                </>
              ) : (
                <button type="button" className="button button--secondary" onClick={() => void setPoint(p.id, { status: 'active', mergedInto: null })}>
                  Restore point {p.number}
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
      <button type="button" className="button" onClick={() => {
        const pointId = newId('point');
        void editor.save((rec) => ({ ...rec, points: renumber([...rec.points, { id: pointId, number: 0, summary: 'New point of complaint', desiredOutcomes: [], category: '', inProcedure: true, outOfProcedureReason: '', status: 'active', statusReason: '', mergedInto: null }]) }), { describe: 'Point added.' });
      }}>
        Add a point of complaint
      </button>
    </section>
  );
}
