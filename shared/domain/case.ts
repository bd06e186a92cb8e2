import { z } from 'zod';
import { KEY_DATE_NAMES, councilClockSettingsSchema, type KeyDateName } from '../clock/profiles';
import { extensionSchema } from '../clock/extensions';
import {
  POINT_STATUSES,
  adjudicationSchema,
  chronologyEntrySchema,
  evidenceSchema,
  ipReviewSchema,
  findingSchema,
  interviewSchema,
  personSchema,
  planSchema,
  recommendationSchema,
  richOptional,
  reportSchema,
  EMPTY_REPORT,
} from './investigation';
import { EMPTY_DOC } from './richText';
import { optionalIsoDate, requiredText, text } from './schemaHelpers';
import { handoverSchema, reviewSchema } from '../exchange/review';
import { panelPapersSchema } from './panelPapers';

/** Default complaint categories (seed 004); a council profile may replace them. */
export const DEFAULT_CATEGORIES = [
  'Assessment, care management or review',
  'Attitude or behaviour of staff',
  'Concern about appropriateness of service',
  'Concern about quality of service',
  'Delay in decision making or provision of a service',
  'Unwelcome or disputed decision',
] as const;

/** The commissioning council's profile on a case: its clock settings plus its name and categories. */
export const DEFAULT_OMBUDSMAN_PARAGRAPH =
  'If you remain dissatisfied once the council’s complaints procedure has finished, you can ask the Local Government and Social Care Ombudsman to look at your complaint. The Ombudsman is independent and free to use. You can contact the Ombudsman on 0300 061 0614 or at www.lgo.org.uk. The Ombudsman usually expects complaints to be made within 12 months of you becoming aware of the matter.';

export const councilSchema = councilClockSettingsSchema.extend({
  name: requiredText('The commissioning council'),
  categories: z.array(requiredText('A category')).default([...DEFAULT_CATEGORIES]),
  /** The letterhead on its documents. */
  addressLines: z.array(text(200)).max(8).default([]),
  contactLines: z.array(text(200)).max(6).default([]),
  protectiveMarking: text(60).default('OFFICIAL-SENSITIVE'),
  /** The council's logo for the letterhead: a PNG or JPEG of at most 500 KB. */
  logo: z
    .object({
      mime: z.enum(['image/png', 'image/jpeg']),
      dataBase64: z
        .string()
        .max(700_000, { message: 'the logo must be at most 500 KB' })
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be base64-encoded data' }),
    })
    .nullable()
    .default(null),
  ombudsmanParagraph: text(3000).default(DEFAULT_OMBUDSMAN_PARAGRAPH),
  /**
   * Issue 13: the council's own procedures and policies an investigation measures practice against, one a
   * line. Kept on the council's profile, so a council directory entry shares them across all its cases.
   */
  policyReferences: z.array(z.string().trim().min(1).max(500)).max(100).default([]),
  /** The council directory entry this profile comes from, if any: saving the entry updates the case. */
  directoryId: z.string().max(100).nullable().default(null),
});
export type Council = z.infer<typeof councilSchema>;

/** A council as kept in the store's council directory (its profile, without the link back to itself). */
export interface DirectoryCouncil {
  id: string;
  profile: Omit<Council, 'directoryId'>;
  updatedAt: string;
  /** How many cases in the store use this entry. */
  caseCount: number;
}

export const personRefSchema = z.object({
  name: requiredText('A name'),
  organisation: text(200).default(''),
  email: text(200).default(''),
  phone: text(50).default(''),
  /** For letters: the postal address, one line each. */
  addressLines: z.array(text(200)).max(8).default([]),
  /** How a letter greets them ("Dear Ms Haddad"); empty means the letter uses their name. */
  salutation: text(100).default(''),
});
export type PersonRef = z.infer<typeof personRefSchema>;

export const RELATIONSHIPS = [
  'child or young person',
  'parent',
  'person with parental responsibility',
  'foster carer',
  'special guardian',
  'prospective adopter',
  'relative',
  'other with sufficient interest',
] as const;

export const complainantSchema = personRefSchema.extend({
  relationshipToChild: z.enum(RELATIONSHIPS),
});
export type Complainant = z.infer<typeof complainantSchema>;

export const supporterSchema = personRefSchema.extend({
  /** Whether written consent to act for the complainant is held on file. */
  writtenConsentHeld: z.boolean().default(false),
});

export const childSchema = z.object({
  name: requiredText("The child's name"),
  dateOfBirth: optionalIsoDate,
  legalStatus: text(200).default(''),
});

export const rolesSchema = z.object({
  investigatingOfficer: personRefSchema.nullable().default(null),
  independentPerson: personRefSchema.nullable().default(null),
  adjudicatingOfficer: personRefSchema.nullable().default(null),
  complaintsManager: personRefSchema.nullable().default(null),
});

export const keyDatesSchema = z.object(
  Object.fromEntries(KEY_DATE_NAMES.map((k) => [k, optionalIsoDate])) as Record<KeyDateName, typeof optionalIsoDate>,
);
export type KeyDates = z.infer<typeof keyDatesSchema>;
export { KEY_DATE_NAMES, type KeyDateName };

export const pointSchema = z.object({
  /** Stable across reordering; links from evidence, interviews and findings use it. Filled in if missing. */
  id: z.string().min(1).max(100).optional(),
  number: z.number().int().min(1).max(999),
  summary: requiredText('The point of complaint', 5000),
  desiredOutcomes: z.array(requiredText('A desired outcome', 2000)).default([]),
  category: text(200).default(''),
  /** Inside the statutory procedure, or handled elsewhere (with the reason). */
  inProcedure: z.boolean().default(true),
  outOfProcedureReason: text(2000).default(''),
  /** Withdrawn and merged points are kept, marked, never deleted. */
  status: z.enum(POINT_STATUSES).default('active'),
  statusReason: text(2000).default(''),
  mergedInto: z.string().max(100).nullable().default(null),
});
export type PointOfComplaint = z.infer<typeof pointSchema>;

/**
 * "Not this person": a place the leak check found a register name in the complainant's version that the user
 * has looked at and says is not that person (issue 10). `key` is the folded name and the words around it, so
 * the same words in another document or format are not reported again, and changed words are checked afresh.
 */
export const leakDismissalSchema = z.object({
  personId: z.string().min(1).max(100),
  key: z.string().min(1).max(1000),
  matched: text(300),
  context: text(1000).default(''),
  by: text(200),
  at: z.string().max(40),
});
export type LeakDismissal = z.infer<typeof leakDismissalSchema>;

export const caseRecordSchema = z
  .object({
    reference: z
      .string()
      .trim()
      .min(1, { message: 'The case reference is required' })
      .max(60, { message: 'must be at most 60 characters' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/, {
        message: 'may use only letters, digits, spaces and . _ / -, starting with a letter or digit',
      }),
    council: councilSchema,
    teamComplainedAbout: text(200).default(''),
    /** What the complaint is about, in a few sentences; rich text, so it can mention people (issue 10). */
    summary: richOptional(5000),
    /** Set when the investigator archives the case: kept, but out of the working lists. */
    archivedOn: optionalIsoDate,
    child: childSchema,
    complainants: z.array(complainantSchema).min(1, { message: 'At least one complainant is required' }),
    advocate: supporterSchema.nullable().default(null),
    representative: supporterSchema.nullable().default(null),
    roles: rolesSchema.default({
      investigatingOfficer: null,
      independentPerson: null,
      adjudicatingOfficer: null,
      complaintsManager: null,
    }),
    keyDates: keyDatesSchema.default(Object.fromEntries(KEY_DATE_NAMES.map((k) => [k, null])) as KeyDates),
    points: z.array(pointSchema).default([]),
    extensions: z.array(extensionSchema).default([]),
    lateReasons: z.record(z.string(), text(2000)).default({}),
    statement: z.object({ agreedHow: text(2000).default(''), notes: text(10_000).default('') }).default({ agreedHow: '', notes: '' }),
    people: z.array(personSchema).max(500).default([]),
    plan: planSchema.default({ linesOfEnquiry: {}, records: [], tasks: [], agreedOn: null, agreedWith: '' }),
    interviews: z.array(interviewSchema).max(500).default([]),
    evidence: z.array(evidenceSchema).max(5000).default([]),
    chronology: z.array(chronologyEntrySchema).max(5000).default([]),
    /** Per point id. */
    findings: z.record(z.string(), findingSchema).default({}),
    recommendations: z.array(recommendationSchema).max(500).default([]),
    ipReview: ipReviewSchema.default({ perPoint: {}, fairness: EMPTY_DOC, thoroughness: EMPTY_DOC, transparency: EMPTY_DOC, childFocus: EMPTY_DOC, observations: EMPTY_DOC, independence: '', participation: [], timescalesMet: null, keptInformed: null, timescalesComment: '' }),
    adjudication: adjudicationSchema.default({ decidedOn: null, perPoint: {}, perRecommendation: {}, actions: [], apology: EMPTY_DOC, remedy: '', monitoring: '', sentBy: 'email' }),
    /** Issue 13: the investigation report's own details (summary, scope, distribution, child's views, learning). */
    report: reportSchema.default(EMPTY_REPORT),
    /** Places the leak check found that the user marked "not this person", with who and when. */
    leakDismissals: z.array(leakDismissalSchema).max(5000).default([]),
    /** The review with the independent person (issue 14): drafts sent or received, comments, positions. */
    review: reviewSchema.optional(),
    /** Set on a case handed over to the council: kept for its records and opened read-only. */
    handover: handoverSchema.optional(),
    /** Stage 3 (issue 16): the review panel's report and the council's response to it; absent until begun. */
    panelPapers: panelPapersSchema.optional(),
  })
  .transform((c) => ({ ...c, points: c.points.map((p) => ({ ...p, id: p.id ?? `point-${p.number}` })) }))
  .superRefine((c, ctx) => checkLinks(c, ctx));
type Parsed = {
  points: { id: string; number: number; mergedInto: string | null }[];
  people: { id: string; actsForId: string | null }[];
  interviews: { id: string; personId: string | null; pointIds: string[] }[];
  evidence: { id: string; ref: string; pointIds: string[]; extracts: { id: string; pointIds: string[] }[] }[];
  chronology: { id: string; pointIds: string[]; source: { kind: string; id: string | null } }[];
  findings: Record<string, unknown>;
  recommendations: { id: string; pointIds: string[] }[];
  plan: { records: { id: string; pointIds: string[] }[]; tasks: { id: string }[]; linesOfEnquiry: Record<string, string> };
  ipReview: { perPoint: Record<string, unknown> };
  adjudication: { perPoint: Record<string, unknown>; perRecommendation: Record<string, unknown> };
  panelPapers?: { perPoint: Record<string, unknown>; recommendations: { id: string; pointIds: string[] }[]; response: { perRecommendation: Record<string, unknown>; actions: { recommendationId: string | null }[] } } | undefined;
};

/** Every link points at something that exists, and nothing is numbered or identified twice. */
function checkLinks(c: Parsed, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const unique = <T>(items: T[], key: (t: T) => string | number, path: string, field: string, what: string) => {
    const seen = new Set<string | number>();
    items.forEach((t, i) => {
      const k = key(t);
      if (seen.has(k)) issue([path, i, field], `${what} ${k} is used twice`);
      seen.add(k);
    });
  };
  unique(c.points, (p) => p.number, 'points', 'number', 'point number');
  unique(c.points, (p) => p.id, 'points', 'id', 'point id');
  unique(c.people, (p) => p.id, 'people', 'id', 'person id');
  unique(c.interviews, (p) => p.id, 'interviews', 'id', 'interview id');
  unique(c.evidence, (p) => p.id, 'evidence', 'id', 'evidence id');
  unique(c.evidence, (p) => p.ref, 'evidence', 'ref', 'evidence reference');
  unique(c.chronology, (p) => p.id, 'chronology', 'id', 'chronology entry id');
  unique(c.recommendations, (p) => p.id, 'recommendations', 'id', 'recommendation id');
  const points = new Set(c.points.map((p) => p.id));
  const people = new Set(c.people.map((p) => p.id));
  const checkPoints = (list: string[], path: (string | number)[]) =>
    list.forEach((pid, i) => {
      if (!points.has(pid)) issue([...path, i], `refers to point ${pid}, which is not in the case`);
    });
  c.points.forEach((p, i) => {
    if (p.mergedInto !== null && !points.has(p.mergedInto)) issue(['points', i, 'mergedInto'], `refers to point ${p.mergedInto}, which is not in the case`);
  });
  c.people.forEach((p, i) => {
    if (p.actsForId !== null && !people.has(p.actsForId)) issue(['people', i, 'actsForId'], `refers to person ${p.actsForId}, who is not in the case`);
  });
  c.interviews.forEach((v, i) => {
    if (v.personId !== null && !people.has(v.personId)) issue(['interviews', i, 'personId'], `refers to person ${v.personId}, who is not in the case`);
    checkPoints(v.pointIds, ['interviews', i, 'pointIds']);
  });
  const evidenceIds = new Set(c.evidence.map((e) => e.id));
  const interviewIds = new Set(c.interviews.map((e) => e.id));
  c.evidence.forEach((e, i) => {
    checkPoints(e.pointIds, ['evidence', i, 'pointIds']);
    e.extracts.forEach((x, j) => checkPoints(x.pointIds, ['evidence', i, 'extracts', j, 'pointIds']));
  });
  c.chronology.forEach((e, i) => {
    checkPoints(e.pointIds, ['chronology', i, 'pointIds']);
    const src = e.source;
    if (src.kind === 'evidence' && (src.id === null || !evidenceIds.has(src.id))) issue(['chronology', i, 'source', 'id'], 'must name an evidence item in the case');
    if (src.kind === 'interview' && (src.id === null || !interviewIds.has(src.id))) issue(['chronology', i, 'source', 'id'], 'must name an interview in the case');
  });
  Object.keys(c.ipReview.perPoint).forEach((pid) => {
    if (!points.has(pid)) issue(['ipReview', 'perPoint', pid], `refers to point ${pid}, which is not in the case`);
  });
  Object.keys(c.adjudication.perPoint).forEach((pid) => {
    if (!points.has(pid)) issue(['adjudication', 'perPoint', pid], `refers to point ${pid}, which is not in the case`);
  });
  const recs = new Set(c.recommendations.map((r) => r.id));
  Object.keys(c.adjudication.perRecommendation).forEach((rid) => {
    if (!recs.has(rid)) issue(['adjudication', 'perRecommendation', rid], `refers to recommendation ${rid}, which is not in the case`);
  });
  Object.keys(c.findings).forEach((pid) => {
    if (!points.has(pid)) issue(['findings', pid], `is a finding for point ${pid}, which is not in the case`);
  });
  Object.keys(c.plan.linesOfEnquiry).forEach((pid) => {
    if (!points.has(pid)) issue(['plan', 'linesOfEnquiry', pid], `refers to point ${pid}, which is not in the case`);
  });
  c.plan.records.forEach((r, i) => checkPoints(r.pointIds, ['plan', 'records', i, 'pointIds']));
  c.recommendations.forEach((r, i) => checkPoints(r.pointIds, ['recommendations', i, 'pointIds']));
  const pp = c.panelPapers;
  if (pp) {
    Object.keys(pp.perPoint).forEach((pid) => {
      if (!points.has(pid)) issue(['panelPapers', 'perPoint', pid], `is the panel's finding for point ${pid}, which is not in the case`);
    });
    const seenRecs = new Set<string>();
    pp.recommendations.forEach((x, i) => {
      if (seenRecs.has(x.id)) issue(['panelPapers', 'recommendations', i, 'id'], `panel recommendation id ${x.id} is used twice`);
      seenRecs.add(x.id);
    });
    pp.recommendations.forEach((x, i) => checkPoints(x.pointIds, ['panelPapers', 'recommendations', i, 'pointIds']));
    const panelRecs = new Set(pp.recommendations.map((x) => x.id));
    Object.keys(pp.response.perRecommendation).forEach((rid) => {
      if (!panelRecs.has(rid)) issue(['panelPapers', 'response', 'perRecommendation', rid], `refers to panel recommendation ${rid}, which is not in the case`);
    });
    pp.response.actions.forEach((a, i) => {
      if (a.recommendationId !== null && !panelRecs.has(a.recommendationId)) issue(['panelPapers', 'response', 'actions', i, 'recommendationId'], `refers to panel recommendation ${a.recommendationId}, which is not in the case`);
    });
  }
}

/** What a user supplies (defaults not yet applied). */
export type CaseRecordInput = z.input<typeof caseRecordSchema>;
export type CaseRecord = z.output<typeof caseRecordSchema>;

export interface CaseSummary {
  id: string;
  reference: string;
  council: string;
  childName: string;
  complainants: string[];
  updatedAt: string;
  revision: number;
  archivedOn: string | null;
}

export interface StoredCase {
  id: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  record: CaseRecord;
}
