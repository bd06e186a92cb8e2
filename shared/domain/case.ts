import { z } from 'zod';
import { KEY_DATE_NAMES, councilClockSettingsSchema, type KeyDateName } from '../clock/profiles';
import { extensionSchema } from '../clock/extensions';
import { optionalIsoDate, requiredText, text } from './schemaHelpers';

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
export const councilSchema = councilClockSettingsSchema.extend({
  name: requiredText('The commissioning council'),
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

export const keyDatesSchema = z.object(
  Object.fromEntries(KEY_DATE_NAMES.map((k) => [k, optionalIsoDate])) as Record<KeyDateName, typeof optionalIsoDate>,
);
export type KeyDates = z.infer<typeof keyDatesSchema>;
export { KEY_DATE_NAMES, type KeyDateName };

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
