import type { CaseRecord } from '../domain/case';

/**
 * The part of the case an independent person needs to review a draft: the complaint, the statement and its
 * points, the people register (the draft names them), the evidence list, the chronology, the findings and
 * recommendations, the key dates and extensions. Not sent: interview notes, the plan, the adjudication, the
 * leak-check dismissals, and any file the investigating officer did not tick (its evidence item keeps its
 * place in the list without the file).
 */
export function reviewCopy(record: CaseRecord, includedFiles: ReadonlySet<string>): Record<string, unknown> {
  const interviews = new Set(record.interviews.map((i) => i.id));
  return {
    reference: record.reference,
    council: record.council,
    teamComplainedAbout: record.teamComplainedAbout,
    summary: record.summary,
    child: record.child,
    complainants: record.complainants,
    advocate: record.advocate,
    representative: record.representative,
    roles: record.roles,
    keyDates: record.keyDates,
    points: record.points,
    extensions: record.extensions,
    statement: record.statement,
    people: record.people,
    evidence: record.evidence.map((e) => ({ ...e, attachmentId: e.attachmentId && includedFiles.has(e.attachmentId) ? e.attachmentId : null })),
    // Interviews stay with the investigating officer: an entry sourced from one names it in its note instead.
    chronology: record.chronology.map((c) =>
      c.source.kind === 'interview' && c.source.id && interviews.has(c.source.id) ? { ...c, source: { kind: 'other', id: null, note: c.source.note || 'Interview' } } : c,
    ),
    findings: record.findings,
    recommendations: record.recommendations,
  };
}

/** The fields of the independent person's copy that each new draft replaces (everything else is theirs). */
export const REVIEW_COPY_FIELDS = [
  'reference', 'council', 'teamComplainedAbout', 'summary', 'child', 'complainants', 'advocate', 'representative', 'roles',
  'keyDates', 'points', 'extensions', 'statement', 'people', 'evidence', 'chronology', 'findings', 'recommendations',
] as const;
