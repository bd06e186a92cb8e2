import type { CaseRecord } from '../domain/case';
import type { DocumentKind } from './model';

/**
 * What stops a document being complete (issue 13): no points, points with no finding, findings the
 * adjudicating officer has not decided on. The Documents tab shows the list before export, the draft carries
 * it as a visible "incomplete" note with no signature, and it cannot be marked final until the list is empty.
 */
export function incompleteReasons(kind: DocumentKind, r: CaseRecord): string[] {
  const live = r.points.filter((p) => p.status === 'active');
  const out: string[] = [];
  if (kind === 'interview-record' || kind === 'extension-letter') return out;
  if (!live.length) {
    out.push('There are no points of complaint yet.');
    return out;
  }
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
