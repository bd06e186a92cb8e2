import { useRef, useState, type KeyboardEvent } from 'react';
import { pointGaps } from '../../../../shared/domain/gaps';
import { Alert } from '../../ui/Field';
import { useFocusHeading } from '../../ui/useFocusHeading';
import { BundleTab } from '../bundle/BundleTab';
import { PanelPapersTab } from '../bundle/PanelPapersTab';
import { CaseOverview } from '../cases/CaseOverview';
import { ChronologyTab } from './ChronologyTab';
import { EvidenceTab } from './EvidenceTab';
import { DocumentsTab } from './DocumentsTab';
import { FindingsTab } from './FindingsTab';
import { AdjudicationTab, IpReviewTab } from './ReviewTabs';
import { InterviewsTab } from './InterviewsTab';
import { PeopleTab } from './PeopleTab';
import { PlainNamesPanel } from './PlainNamesPanel';
import { PlanTab } from './PlanTab';
import { ReportTab } from './ReportDetails';
import { StatementTab } from './StatementTab';
import { ReviewTab } from '../review/ReviewTab';
import { useCaseEditor } from './useCaseEditor';
import type { ChangeLine } from './conflict';

const TABS = ['Overview', 'Statement of complaint', 'People', 'Plan', 'Interviews', 'Evidence', 'Chronology', 'Findings', 'Report details', 'Independent person', 'Review', 'Adjudication', 'Documents', 'Hearing pack', 'Panel papers'] as const;
export type TabName = (typeof TABS)[number];

function ChangeList(props: { caption: string; lines: ChangeLine[] }) {
  return (
    <table className="table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Where</th>
          <th scope="col">Text</th>
        </tr>
      </thead>
      <tbody>
        {props.lines.length === 0 ? (
          <tr>
            <td colSpan={2}>Nothing</td>
          </tr>
        ) : (
          props.lines.map((l, i) => (
            <tr key={i}>
              <td>{l.where}</td>
              <td className="conflict__text">{l.text}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

/** A case open for work: its parts as tabs (arrow keys move between them), autosave and undo. */
export function CaseWorkspace(props: { id: string; onBack: () => void; initialTab?: TabName | undefined; focusItem?: string | null; focusPage?: number | null }) {
  const heading = useFocusHeading<HTMLHeadingElement>();
  const [tab, setTab] = useState<TabName>(props.initialTab ?? 'Overview');
  const editor = useCaseEditor(props.id);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const r = editor.record;

  const onTabKey = (e: KeyboardEvent, i: number) => {
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const j = (next + TABS.length) % TABS.length;
    setTab(TABS[j]!);
    tabRefs.current[j]?.focus();
  };

  const gaps = r ? pointGaps(r).filter((g) => g.gaps.length > 0) : [];

  return (
    <article aria-labelledby="case-heading">
      <p>
        <button type="button" className="link" onClick={props.onBack}>
          ← All cases
        </button>
      </p>
      <h1 id="case-heading" ref={heading} tabIndex={-1}>
        Case {r?.reference ?? ''}
      </h1>
      <div className="save-status" role="status" aria-live="polite">
        {editor.status}
        {editor.undo && (
          <>
            {' '}
            <button type="button" className="link" onClick={() => void editor.undoLast()}>
              Undo {editor.undo.label}
            </button>
          </>
        )}
      </div>
      {r?.handover && (
        <Alert kind="info">
          This case was handed over by {r.handover.from} for the council’s records. It is read-only: changes are refused and nothing in it can be issued again.
        </Alert>
      )}
      {editor.error && <Alert kind="error">{editor.error}</Alert>}
      {editor.conflict && (
        <section className="conflict" aria-labelledby="conflict-heading">
          <h2 id="conflict-heading">Your change, not saved yet</h2>
          <ChangeList caption="Your change" lines={editor.conflict.mine} />
          <ChangeList caption="Changed elsewhere since you opened the case" lines={editor.conflict.theirs} />
          <div className="actions">
            <button type="button" className="button" onClick={() => void editor.resolveConflict(true)}>
              Apply my change to the newest version
            </button>
            <button type="button" className="button button--secondary" onClick={() => void editor.resolveConflict(false)}>
              Drop my change
            </button>
          </div>
        </section>
      )}
      {gaps.length > 0 && (
        <details className="gaps">
          <summary>
            {gaps.length} point{gaps.length === 1 ? '' : 's'} still need{gaps.length === 1 ? 's' : ''} work
          </summary>
          <ul>
            {gaps.map((g) => (
              <li key={g.pointId}>
                Point {g.number}: {g.gaps.join('; ')}
              </li>
            ))}
          </ul>
        </details>
      )}
      {r && <PlainNamesPanel editor={editor} />}
      <div role="tablist" aria-label="Parts of the case" className="tablist">
        {TABS.map((t, i) => (
          <button
            key={t}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${i}`}
            aria-selected={tab === t}
            aria-controls={`panel-${i}`}
            tabIndex={tab === t ? 0 : -1}
            className="tab"
            onClick={() => setTab(t)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${TABS.indexOf(tab)}`} aria-labelledby={`tab-${TABS.indexOf(tab)}`} className="tabpanel">
        {tab === 'Overview' && <CaseOverview editor={editor} onDeleted={props.onBack} />}
        {r && tab === 'Statement of complaint' && <StatementTab editor={editor} />}
        {r && tab === 'People' && <PeopleTab editor={editor} />}
        {r && tab === 'Plan' && <PlanTab editor={editor} />}
        {r && tab === 'Interviews' && <InterviewsTab editor={editor} focusItem={props.focusItem ?? null} />}
        {r && tab === 'Evidence' && <EvidenceTab editor={editor} focusItem={props.focusItem ?? null} focusPage={props.focusPage ?? null} />}
        {r && tab === 'Chronology' && <ChronologyTab editor={editor} />}
        {r && tab === 'Findings' && <FindingsTab editor={editor} focusItem={props.focusItem ?? null} />}
        {r && tab === 'Report details' && <ReportTab editor={editor} />}
        {r && tab === 'Independent person' && <IpReviewTab editor={editor} />}
        {r && tab === 'Review' && <ReviewTab editor={editor} />}
        {r && tab === 'Adjudication' && <AdjudicationTab editor={editor} />}
        {r && tab === 'Documents' && <DocumentsTab editor={editor} />}
        {r && tab === 'Hearing pack' && <BundleTab caseId={editor.stored!.id} record={r} />}
        {r && tab === 'Panel papers' && <PanelPapersTab editor={editor} focusItem={props.focusItem ?? null} />}
      </div>
    </article>
  );
}
