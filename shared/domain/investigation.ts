import { z } from 'zod';
import { isoDateSchema } from '../clock/profiles';
import { partialDateSchema } from './partialDate';
import { EMPTY_DOC, isRichEmpty, richDocSchema, richFromPlain, richToPlain } from './richText';

/**
 * The investigation held on a case (issue 4): people, the plan, interviews, evidence, chronology, findings
 * and recommendations. Items have stable ids so that links (to points, people, evidence) survive
 * reordering and renumbering. Every part defaults to empty, so a case starts with nothing to fill in.
 */
const id = z.string().min(1).max(100);
const ids = z.array(id).max(500).default([]);
const txt = (max: number) => z.string().trim().max(max, { message: `must be at most ${max.toLocaleString('en-GB')} characters` }).default('');

/**
 * How long the prose of a report may be: an observation or a set of reasons can run to many pages, so these
 * are generous (about 30 and 15 pages); the editor shows a counter as a field nears its limit.
 */
export const TEXT_LIMITS = { longProse: 100_000, prose: 40_000 } as const;
const name = (label: string, max = 200) =>
  z.string().trim().min(1, { message: `${label} is required` }).max(max, { message: `must be at most ${max} characters` });
const rich = richDocSchema.default(EMPTY_DOC);
/**
 * Rich text that stores and case files of before issue 10 hold as a plain string: a string is read as one
 * paragraph a line, so old cases open and old files import.
 */
export const richOrPlain = (label: string, max: number) =>
  z
    .union([z.string().transform((s) => richFromPlain(s)), richDocSchema])
    .refine((d) => !isRichEmpty(d), { message: `${label} is required` })
    .refine((d) => richToPlain(d).length <= max, { message: `must be at most ${max} characters` });
/**
 * Rich text that may be empty (an observation, a set of reasons, who does an action): a plain string, as stores
 * and case files of before format 5 hold it, is read as one paragraph a line.
 */
export const richOptional = (max: number) =>
  z
    .union([z.string().transform((s) => richFromPlain(s)), richDocSchema])
    .refine((d) => richToPlain(d).length <= max, { message: `must be at most ${max.toLocaleString('en-GB')} characters` })
    .default(EMPTY_DOC);
const optDate = isoDateSchema.nullable().default(null);

export const PERSON_KINDS = ['complainant', 'child', 'family', 'staff', 'professional', 'advocate', 'representative', 'other'] as const;

export const personSchema = z.object({
  id,
  name: name('A name'),
  kind: z.enum(PERSON_KINDS).default('other'),
  /** Their role in the story, e.g. "Social worker", "Team manager", "Foster carer". */
  role: txt(200),
  organisation: txt(200),
  /** How reports for the complainant refer to them: "Child A", "Social Worker 1", "the Team Manager". */
  pseudonym: txt(100),
  /**
   * Other names they go by, separated by commas: nicknames, a maiden name, another spelling ("Kez, Kieran
   * Nowak-Hale"). The complainant's version and its leak check find these as they find the name. Optional, so
   * records and case files from before it still read.
   */
  alsoKnownAs: z.string().trim().max(300, { message: 'must be at most 300 characters' }).optional(),
  /** Whose behalf they act on (a person id), and whether written consent to do so is held. */
  actsForId: id.nullable().default(null),
  consentHeld: z.boolean().default(false),
  /** Third parties' details are left out of what the complainant receives. */
  thirdParty: z.boolean().default(false),
});
export type Person = z.output<typeof personSchema>;

export const planRecordSchema = z.object({
  id,
  description: name('What record is needed', 1000),
  source: txt(200),
  requestedOn: optDate,
  receivedOn: optDate,
  pointIds: ids,
});
export const planTaskSchema = z.object({ id, text: name('The task', 1000), dueOn: optDate, done: z.boolean().default(false) });
export const planSchema = z.object({
  /** Lines of enquiry for each point (point id -> text). */
  linesOfEnquiry: z.record(id, z.string().max(10_000)).default({}),
  records: z.array(planRecordSchema).max(1000).default([]),
  tasks: z.array(planTaskSchema).max(1000).default([]),
  agreedOn: optDate,
  agreedWith: txt(300),
});
export type Plan = z.output<typeof planSchema>;

export const INTERVIEW_MODES = ['in person', 'video', 'phone'] as const;
export const INTERVIEW_STATUSES = ['planned', 'held', 'notes drafted', 'sent for agreement', 'agreed', 'amended'] as const;
export const ATTENDEE_ROLES = ['investigating officer', 'independent person', 'note-taker', 'supporter', 'interpreter', 'other'] as const;

export const interviewSchema = z.object({
  id,
  personId: id.nullable().default(null),
  date: optDate,
  time: z.string().regex(/^$|^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time as HH:MM (24-hour)' }).default(''),
  mode: z.enum(INTERVIEW_MODES).default('in person'),
  attendees: z.array(z.object({ role: z.enum(ATTENDEE_ROLES), name: name('An attendee’s name') })).max(20).default([]),
  status: z.enum(INTERVIEW_STATUSES).default('planned'),
  questions: txt(TEXT_LIMITS.longProse),
  notes: rich,
  pointIds: ids,
  /** Issue 13: the person declined to be interviewed (the interview stays "planned"), and why it was not held. */
  declined: z.boolean().default(false),
  notHeldReason: txt(2000),
});
export type Interview = z.output<typeof interviewSchema>;

export const extractSchema = z.object({
  id,
  /** Rich text, so that a quotation can mention people (issue 10); a plain string is still read. */
  quote: richOrPlain('The quotation', 10_000),
  page: z.number().int().min(1).max(100_000).nullable().default(null),
  pointIds: ids,
});

export const evidenceSchema = z.object({
  id,
  /** E1, E2 …: assigned in order of registration and never reused. */
  ref: z.string().regex(/^E\d{1,4}$/, { message: 'must be E followed by a number, e.g. E12' }),
  title: name('A title', 300),
  source: txt(300),
  date: partialDateSchema.nullable().default(null),
  description: txt(TEXT_LIMITS.prose),
  /** The file held inside the encrypted store, if any. */
  attachmentId: id.nullable().default(null),
  pointIds: ids,
  extracts: z.array(extractSchema).max(500).default([]),
});
export type EvidenceItem = z.output<typeof evidenceSchema>;

export const chronologyEntrySchema = z.object({
  id,
  date: partialDateSchema,
  /** Rich text, so that it can mention people (issue 10); a plain string is still read. */
  event: richOrPlain('What happened', 5000),
  source: z
    .object({ kind: z.enum(['evidence', 'interview', 'other']), id: id.nullable().default(null), note: txt(300) })
    .default({ kind: 'other', id: null, note: '' }),
  pointIds: ids,
  key: z.boolean().default(false),
});
export type ChronologyEntry = z.output<typeof chronologyEntrySchema>;

export const FINDINGS = ['upheld', 'partially upheld', 'not upheld', 'unable to reach a finding'] as const;
export type FindingOutcome = (typeof FINDINGS)[number];

export const findingSchema = z.object({
  complainantSays: rich,
  recordsShow: rich,
  staffSay: rich,
  analysis: rich,
  finding: z.enum(FINDINGS).nullable().default(null),
  /** Issue 13: the legislation, guidance and local policy the point was measured against, one a line. */
  references: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
  /** Issue 13: the report's response to each outcome sought, in the order of the point's desired outcomes. */
  outcomeResponses: z.array(txt(5000)).max(50).default([]),
});
export type Finding = z.output<typeof findingSchema>;

/** The text is rich, so that it can mention people (issue 10); a plain string is still read. */
export const recommendationSchema = z.object({
  id,
  text: richOrPlain('The recommendation', 5000),
  pointIds: ids,
  /** Issue 13: who the investigating officer suggests should own it, and by when. */
  owner: txt(200),
  timescale: txt(200),
});
export type Recommendation = z.output<typeof recommendationSchema>;

export const POINT_STATUSES = ['active', 'withdrawn', 'merged'] as const;

/** The independent person's view (their report): per point, and on the investigation as a whole. Rich text, so it can mention people. */
export const ipReviewSchema = z.object({
  perPoint: z.record(id, z.object({ agrees: z.boolean().nullable().default(null), comment: richOptional(TEXT_LIMITS.prose) })).default({}),
  fairness: richOptional(TEXT_LIMITS.longProse),
  thoroughness: richOptional(TEXT_LIMITS.longProse),
  transparency: richOptional(TEXT_LIMITS.longProse),
  childFocus: richOptional(TEXT_LIMITS.longProse),
  observations: richOptional(TEXT_LIMITS.longProse),
  /** Issue 13: the IP's statement of independence (empty: the report states the statutory test). */
  independence: txt(5000),
  /** What the IP took part in: meetings, interviews attended, drafts read, each with its date. */
  participation: z.array(z.object({ id, date: optDate, what: name('What the independent person took part in', 500) })).max(200).default([]),
  /** Whether the timescales were met and the complainant kept informed, in the IP's view. */
  timescalesMet: z.boolean().nullable().default(null),
  keptInformed: z.boolean().nullable().default(null),
  timescalesComment: txt(5000),
});
export type IpReview = z.output<typeof ipReviewSchema>;

export const DECISIONS = ['accepted', 'accepted in part', 'not accepted'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The adjudicating officer's decisions, which the adjudication letter sets out. */
export const adjudicationSchema = z.object({
  decidedOn: optDate,
  perPoint: z.record(id, z.object({ decision: z.enum(DECISIONS).nullable().default(null), reasons: richOptional(TEXT_LIMITS.prose) })).default({}),
  perRecommendation: z.record(id, z.object({ decision: z.enum(DECISIONS).nullable().default(null), reasons: richOptional(TEXT_LIMITS.prose) })).default({}),
  /** The action and who does it can name people (a team manager, a social worker): rich text with mentions. */
  actions: z
    .array(z.object({ id, text: richOrPlain('The action', 2000), owner: richOptional(300), dueOn: optDate, recommendationId: id.nullable().default(null) }))
    .max(200)
    .default([]),
  /** The apology offered where fault is found. */
  apology: richOptional(TEXT_LIMITS.prose),
  /** Issue 13: any remedy or redress offered, how the actions are monitored, and how the letter is sent. */
  remedy: txt(TEXT_LIMITS.prose),
  monitoring: txt(5000),
  sentBy: z.enum(['email', 'post']).default('email'),
});
export type Adjudication = z.output<typeof adjudicationSchema>;

/**
 * Issue 13: what the investigation report needs beyond the points: an executive summary of the IO's own
 * (the report adds the figures), scope and period, the distribution list, the child's views and whether the
 * child was seen, what missing records mean for the findings, and the learning for the service.
 */
export const reportSchema = z.object({
  executiveSummary: txt(20_000),
  scope: txt(10_000),
  periodFrom: optDate,
  periodTo: optDate,
  distribution: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  childViews: txt(TEXT_LIMITS.prose),
  childSeen: z.boolean().nullable().default(null),
  childNotSeenReason: txt(5000),
  missingRecordsImpact: txt(10_000),
  learning: txt(TEXT_LIMITS.prose),
});
export type ReportDetails = z.output<typeof reportSchema>;
export const EMPTY_REPORT: ReportDetails = {
  executiveSummary: '',
  scope: '',
  periodFrom: null,
  periodTo: null,
  distribution: [],
  childViews: '',
  childSeen: null,
  childNotSeenReason: '',
  missingRecordsImpact: '',
  learning: '',
};
