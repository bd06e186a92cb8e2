import { z } from 'zod';
import { PROCEDURE_IDS } from '../clock/profiles';
import { extensionSchema } from '../clock/extensions';
import { isoDateSchema, optionalIsoDate, requiredText, text } from './schemaHelpers';

/** Default complaint categories (seed 004); a council profile may replace them. */
export const DEFAULT_CATEGORIES = [
  'Assessment, care management or review',
  'Attitude or behaviour of staff',
  'Concern about appropriateness of service',
  'Concern about quality of service',
  'Delay in decision making or provision of a service',
  'Unwelcome or disputed decision',
] as const;

export const procedureIdSchema = z.enum(PROCEDURE_IDS as unknown as [string, ...string[]]);

export const councilSchema = z.object({
  name: requiredText('The commissioning council'),
  procedure: procedureIdSchema.default('children-statutory'),
  acknowledgementDays: z.number().int().min(1).max(10).default(3),
  stage2StartsFrom: z.enum(['statementAgreed', 'stage2Requested']).default('statementAgreed'),
  closures: z.array(isoDateSchema).default([]),
  categories: z.array(requiredText('A category')).default([...DEFAULT_CATEGORIES]),
});
export type Council = z.infer<typeof councilSchema>;

export const personRefSchema = z.object({
  name: requiredText('A name'),
  organisation: text(200).default(''),
  email: text(200).default(''),
  phone: text(50).default(''),
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

/** Every date the statutory clocks start or stop on; all optional until they happen. */
export const KEY_DATE_NAMES = [
  'matterKnown',
  'stage1Received',
  'stage1Acknowledged',
  'stage1Responded',
  'stage2Requested',
  'statementAgreed',
  'stage2ResponseSent',
  'stage3Requested',
  'panelHeld',
  'panelReportSent',
  'councilResponseSent',
] as const;
export type KeyDateName = (typeof KEY_DATE_NAMES)[number];

export const KEY_DATE_LABELS: Record<KeyDateName, string> = {
  matterKnown: 'Complainant became aware of the matter',
  stage1Received: 'Stage 1 complaint received',
  stage1Acknowledged: 'Stage 1 acknowledged',
  stage1Responded: 'Stage 1 response sent',
  stage2Requested: 'Stage 2 requested',
  statementAgreed: 'Statement of complaint agreed',
  stage2ResponseSent: 'Stage 2 response sent',
  stage3Requested: 'Stage 3 review panel requested',
  panelHeld: 'Review panel held',
  panelReportSent: "Panel's report sent",
  councilResponseSent: "Council's response to the panel sent",
};

export const keyDatesSchema = z.object(
  Object.fromEntries(KEY_DATE_NAMES.map((k) => [k, optionalIsoDate])) as Record<KeyDateName, typeof optionalIsoDate>,
);
export type KeyDates = z.infer<typeof keyDatesSchema>;

export const pointSchema = z.object({
  number: z.number().int().min(1).max(999),
  summary: requiredText('The point of complaint', 5000),
  desiredOutcomes: z.array(requiredText('A desired outcome', 2000)).default([]),
  category: text(200).default(''),
});
export type PointOfComplaint = z.infer<typeof pointSchema>;

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
    summary: text(5000).default(''),
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
  })
  .superRefine((c, ctx) => {
    const seen = new Set<number>();
    c.points.forEach((p, i) => {
      if (seen.has(p.number)) {
        ctx.addIssue({ code: 'custom', path: ['points', i, 'number'], message: `point number ${p.number} is used twice` });
      }
      seen.add(p.number);
    });
  });
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
}

export interface StoredCase {
  id: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  record: CaseRecord;
}
