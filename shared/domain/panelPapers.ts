import { z } from 'zod';
import { isoDateSchema } from '../clock/profiles';
import { DECISIONS, FINDINGS, TEXT_LIMITS, richOptional, richOrPlain } from './investigation';
import { EMPTY_DOC } from './richText';

/**
 * The Stage 3 review panel's papers (issue 16): the panel's report (its finding on each point with reasons,
 * its recommendations, its conclusions) and the council's response to it (a decision on each of the panel's
 * recommendations with reasons, the actions, who signs). Part of the case record, optional, so stores and case
 * files made before it open unchanged; docs/decisions.md says why it lives here and not with the hearing pack.
 * The vocabulary is Stage 2's: the same four findings and the same three decisions.
 */
const id = z.string().min(1).max(100);
const txt = (max: number) => z.string().trim().max(max, { message: `must be at most ${max.toLocaleString('en-GB')} characters` }).default('');
const optDate = isoDateSchema.nullable().default(null);

export const panelPointSchema = z.object({
  finding: z.enum(FINDINGS).nullable().default(null),
  /** The panel's reasons: rich text, so it can mention people from the register. */
  reasons: richOptional(TEXT_LIMITS.prose),
});
export type PanelPoint = z.output<typeof panelPointSchema>;

export const panelRecommendationSchema = z.object({
  id,
  text: richOrPlain('The panel’s recommendation', 5000),
  pointIds: z.array(id).max(500).default([]),
  /** Who the panel says should act, and by when, if it says. */
  owner: txt(200),
  timescale: txt(200),
});
export type PanelRecommendation = z.output<typeof panelRecommendationSchema>;

export const councilResponseSchema = z.object({
  /** The date of the council's response letter. */
  respondedOn: optDate,
  perRecommendation: z.record(id, z.object({ decision: z.enum(DECISIONS).nullable().default(null), reasons: richOptional(TEXT_LIMITS.prose) })).default({}),
  actions: z
    .array(z.object({ id, text: richOrPlain('The action', 2000), owner: richOptional(300), dueOn: optDate, recommendationId: id.nullable().default(null) }))
    .max(200)
    .default([]),
  /** Anything the council says beyond the recommendations (an apology, what it has learnt). */
  remarks: richOptional(TEXT_LIMITS.prose),
  /** Who signs: the director of children's services or the officer responsible for the response. */
  signatory: z.object({ name: txt(200), role: txt(200) }).default({ name: '', role: '' }),
});
export type CouncilResponse = z.output<typeof councilResponseSchema>;

export const EMPTY_COUNCIL_RESPONSE: CouncilResponse = { respondedOn: null, perRecommendation: {}, actions: [], remarks: EMPTY_DOC, signatory: { name: '', role: '' } };

export const panelPapersSchema = z.object({
  /** Per point id. */
  perPoint: z.record(id, panelPointSchema).default({}),
  recommendations: z.array(panelRecommendationSchema).max(200).default([]),
  /** The panel's overall conclusions. */
  conclusions: richOptional(TEXT_LIMITS.longProse),
  response: councilResponseSchema.default(EMPTY_COUNCIL_RESPONSE),
});
export type PanelPapers = z.output<typeof panelPapersSchema>;

export const EMPTY_PANEL_PAPERS: PanelPapers = { perPoint: {}, recommendations: [], conclusions: EMPTY_DOC, response: EMPTY_COUNCIL_RESPONSE };

/** The case's panel papers, or empty ones for a case that has none yet. */
export const panelPapersOf = (r: { panelPapers?: PanelPapers | undefined }): PanelPapers => r.panelPapers ?? EMPTY_PANEL_PAPERS;

/** A panel recommendation's one number: its place in the panel's list ("Panel recommendation 2"). */
export const panelRecommendationNumber = (p: PanelPapers, recId: string): number => p.recommendations.findIndex((x) => x.id === recId) + 1;
