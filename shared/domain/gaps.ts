import type { CaseRecord } from './case';
import { isRichEmpty } from './richText';

/**
 * What is still missing for each live point of complaint: the case view shows this so nothing is left
 * unanswered in the report. Withdrawn and merged points need nothing.
 */
export type Gap = 'no interview planned' | 'no evidence linked' | 'no finding' | 'finding without analysis';

export interface PointGaps {
  pointId: string;
  number: number;
  gaps: Gap[];
}

export function pointGaps(c: CaseRecord): PointGaps[] {
  return c.points
    .filter((p) => p.status === 'active')
    .map((p) => {
      const gaps: Gap[] = [];
      if (!c.interviews.some((v) => v.pointIds.includes(p.id))) gaps.push('no interview planned');
      const evidenced =
        c.evidence.some((e) => e.pointIds.includes(p.id) || e.extracts.some((x) => x.pointIds.includes(p.id))) ||
        c.chronology.some((e) => e.pointIds.includes(p.id) && e.source.kind === 'evidence');
      if (!evidenced) gaps.push('no evidence linked');
      const f = c.findings[p.id];
      if (!f || f.finding === null) gaps.push('no finding');
      else if (isRichEmpty(f.analysis)) gaps.push('finding without analysis');
      return { pointId: p.id, number: p.number, gaps };
    });
}
