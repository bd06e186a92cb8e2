import { z } from 'zod';

/**
 * The review between the investigating officer and the independent person, kept in the case record
 * (`review`, optional, so older records and files still parse). Each side keeps its own copy; packages carry
 * the comments, positions and resolutions across (docs/exchange.md).
 */
export const ANCHOR_KINDS = ['para', 'point', 'finding'] as const;
export type AnchorKind = (typeof ANCHOR_KINDS)[number];

export const RESOLUTIONS = ['changed as suggested', 'changed otherwise', 'declined', 'answered'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const STANCES = ['agree', 'disagree', 'query'] as const;
export type Stance = (typeof STANCES)[number];

const id = z.string().min(1).max(100);
const when = z.string().max(40);
const who = z.string().max(200);
const longText = (max: number) => z.string().max(max);

export const anchorSchema = z
  .object({
    kind: z.enum(ANCHOR_KINDS),
    /** For a paragraph: its block number in the draft ("12"); for a point or a finding: the point's id. */
    ref: id,
    /** What a person sees: "Paragraph 12", "Point 2", "Finding on point 2". */
    label: z.string().max(100),
    /** The start of the paragraph's text, to show the comment beside it. */
    excerpt: z.string().max(300).default(''),
  })
  .strict();
export type Anchor = z.infer<typeof anchorSchema>;

export const resolutionSchema = z
  .object({ as: z.enum(RESOLUTIONS), text: longText(20_000), by: who, at: when, inDraft: z.number().int().min(1).nullable().default(null) })
  .strict();

export const reviewCommentSchema = z
  .object({
    id,
    draftVersion: z.number().int().min(1),
    anchor: anchorSchema,
    text: z.string().trim().min(1, { message: 'Write the comment' }).max(20_000),
    /** Suggested replacement wording, if any. */
    suggested: longText(20_000).default(''),
    by: who,
    at: when,
    resolution: resolutionSchema.nullable().default(null),
  })
  .strict();
export type ReviewComment = z.infer<typeof reviewCommentSchema>;

export const positionSchema = z
  .object({ pointId: id, stance: z.enum(STANCES), reason: longText(20_000), draftVersion: z.number().int().min(1), by: who, at: when })
  .strict();
export type Position = z.infer<typeof positionSchema>;

export const reviewSchema = z
  .object({
    side: z.enum(['io', 'ip']),
    /** The other person in the review (fingerprint and name as on their card). */
    counterpart: z.object({ fingerprint: z.string().max(40), name: who }).strict().nullable().default(null),
    /** On the independent person's copy: the case as the investigating officer's store knows it. */
    origin: z.object({ caseId: id, reference: z.string().max(60) }).strict().nullable().default(null),
    drafts: z.array(z.object({ version: z.number().int().min(1), issueId: id, packageId: id, at: when }).strict()).max(500).default([]),
    comments: z.array(reviewCommentSchema).max(5000).default([]),
    /** Every position the independent person took, oldest first; the newest per point counts. */
    positions: z.array(positionSchema).max(5000).default([]),
    /** The independent person's report once it arrived (or was sent): the package and the issued versions. */
    ipReport: z.object({ packageId: id, at: when, issueIds: z.array(id).max(4) }).strict().nullable().default(null),
  })
  .strict();
export type Review = z.infer<typeof reviewSchema>;

/** A handed-over case in the council's store: kept for its records and opened read-only. */
export const handoverSchema = z
  .object({ from: who, fingerprint: z.string().max(40), packageId: id, at: when })
  .strict();
export type Handover = z.infer<typeof handoverSchema>;

export const emptyReview = (side: 'io' | 'ip'): Review => ({ side, counterpart: null, origin: null, drafts: [], comments: [], positions: [], ipReport: null });

export type FindingState = 'agreed' | 'disagreed' | 'queried' | 'agreed on an earlier draft' | 'not yet reviewed';

/**
 * Where a finding stands: "agreed" only when the independent person's newest position on it is "agree" and was
 * given on the newest draft they have; an agreement on an earlier draft has to be confirmed again.
 */
export function findingState(review: Review | undefined, pointId: string): FindingState {
  if (!review) return 'not yet reviewed';
  const latestDraft = review.drafts.reduce((m, d) => Math.max(m, d.version), 0);
  const mine = review.positions.filter((p) => p.pointId === pointId);
  const last = mine[mine.length - 1];
  if (!last) return 'not yet reviewed';
  if (last.stance === 'disagree') return 'disagreed';
  if (last.stance === 'query') return 'queried';
  return last.draftVersion >= latestDraft ? 'agreed' : 'agreed on an earlier draft';
}

export const RESOLUTION_LABELS: Record<Resolution, string> = {
  'changed as suggested': 'Changed as suggested',
  'changed otherwise': 'Changed otherwise',
  declined: 'Declined',
  answered: 'Answered',
};
