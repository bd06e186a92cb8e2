/**
 * The goals `npm run bench` judges (issue 15 and earlier ones), each beside its figure from this run. Where a
 * goal is a comparison, both sides are measured in the same run and the goal is judged on their ratio.
 */
export interface GoalRow {
  measure: string;
  figure: string;
  goal: string;
  /** null: not measured in this run (the reason is in `figure`). */
  met: boolean | null;
}

export const goals: GoalRow[] = [];

export function goal(row: GoalRow): void {
  goals.push(row);
}

export function goalLines(): string[] {
  const word = (m: boolean | null) => (m === null ? 'not measured' : m ? 'met' : '**NOT met**');
  const met = goals.filter((g) => g.met === true).length;
  return [
    '## Goals',
    '',
    `${met} of ${goals.length} met in this run. Figures are medians of several samples after warm-up (p95 and the number of samples beside them); a ratio compares two figures from this same run.`,
    '',
    '| measure | figure | goal | |',
    '|---|---|---|---|',
    ...goals.map((g) => `| ${g.measure} | ${g.figure} | ${g.goal} | ${word(g.met)} |`),
    '',
  ];
}
