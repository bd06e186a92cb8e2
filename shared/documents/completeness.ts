import type { CaseRecord } from '../domain/case';
import { isRichEmpty } from '../domain/richText';
import { panelPapersOf } from '../domain/panelPapers';
import type { Stage3Facts } from './context';
import type { DocumentKind } from './model';

/**
 * What stops a document being complete (issue 13): no points, points with no finding, findings the
 * adjudicating officer has not decided on. The Documents tab shows the list before export, the draft carries
 * it as a visible "incomplete" note with no signature, and it cannot be marked final until the list is empty.
 */
export function incompleteReasons(kind: DocumentKind, r: CaseRecord, stage3?: Stage3Facts): string[] {
  const live = r.points.filter((p) => p.status === 'active');
  const out: string[] = [];
  if (kind === 'interview-record' || kind === 'extension-letter') return out;
  if (!live.length) {
    out.push('There are no points of complaint yet.');
    return out;
  }
  if (kind === 'panel-report' || kind === 'council-response') return stage3Reasons(kind, r, stage3);
  if (kind === 'statement-of-complaint') return out;
  const numbers = (ps: typeof live) => ps.map((p) => p.number).join(', ');
  const noFinding = live.filter((p) => p.inProcedure && !r.findings[p.id]?.finding);
  if (noFinding.length) out.push(`No finding yet on point${noFinding.length === 1 ? '' : 's'} ${numbers(noFinding)}.`);
  if (kind === 'ip-report') {
    const unsaid = live.filter((p) => r.findings[p.id]?.finding && typeof r.ipReview.perPoint[p.id]?.agrees !== 'boolean');
    if (unsaid.length) out.push(`The independent person has not yet said whether they agree with the finding on point${unsaid.length === 1 ? '' : 's'} ${numbers(unsaid)}.`);
  }
  if (kind === 'adjudication-letter') {
    const undecided = live.filter((p) => r.findings[p.id]?.finding && !r.adjudication.perPoint[p.id]?.decision);
    if (undecided.length) out.push(`No decision yet on the finding on point${undecided.length === 1 ? '' : 's'} ${numbers(undecided)}.`);
    const recs = r.recommendations.map((x, i) => ({ x, n: i + 1 })).filter(({ x }) => !r.adjudication.perRecommendation[x.id]?.decision);
    if (recs.length) out.push(`No decision yet on recommendation${recs.length === 1 ? '' : 's'} ${recs.map((x) => x.n).join(', ')}.`);
    if (!r.adjudication.decidedOn) out.push('The date of the decision is not recorded.');
  }
  return out;
}

/**
 * Stage 3 (issue 16), the same rules as Stage 2: the panel's report needs the panel's finding on every point
 * inside the procedure, the hearing's date and a chair to sign it; the council's response needs a complete
 * report, a decision on every panel recommendation, written reasons for any not accepted in full (the
 * regulations ask for reasons where a recommendation is rejected), the date of the response and who signs it.
 */
function stage3Reasons(kind: DocumentKind, r: CaseRecord, stage3?: Stage3Facts): string[] {
  const out: string[] = [];
  const pp = panelPapersOf(r);
  const live = r.points.filter((p) => p.status === 'active' && p.inProcedure);
  const noFinding = live.filter((p) => !pp.perPoint[p.id]?.finding);
  const pts = (ps: typeof live) => `point${ps.length === 1 ? '' : 's'} ${ps.map((p) => p.number).join(', ')}`;
  if (noFinding.length) out.push(`The panel has made no finding yet on ${pts(noFinding)}.`);
  if (kind === 'panel-report') {
    if (!r.keyDates.panelHeld) out.push('The date the panel met is not recorded.');
    if (!stage3?.panel.some((m) => m.role === 'chair')) out.push('The panel has no chair recorded to sign the report (Hearing pack tab).');
    return out;
  }
  const recs = pp.recommendations.map((x, i) => ({ x, n: i + 1, d: pp.response.perRecommendation[x.id] }));
  const undecided = recs.filter(({ d }) => !d?.decision);
  if (undecided.length) out.push(`The council has not yet responded to panel recommendation${undecided.length === 1 ? '' : 's'} ${undecided.map((x) => x.n).join(', ')}.`);
  const noReasons = recs.filter(({ d }) => (d?.decision === 'not accepted' || d?.decision === 'accepted in part') && isRichEmpty(d.reasons));
  if (noReasons.length) out.push(`Panel recommendation${noReasons.length === 1 ? '' : 's'} ${noReasons.map((x) => x.n).join(', ')} ${noReasons.length === 1 ? 'is' : 'are'} not accepted in full, and the reasons are not written yet.`);
  if (!r.keyDates.panelReportSent) out.push('The date the panel’s report was sent is not recorded.');
  if (!pp.response.respondedOn) out.push('The date of the council’s response is not recorded.');
  if (!pp.response.signatory.name) out.push('Who signs the council’s response is not recorded.');
  return out;
}
