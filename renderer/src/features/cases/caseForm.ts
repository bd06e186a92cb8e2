import { z } from 'zod';
import { PROCEDURE_IDS, PROCEDURES } from '../../../../shared/clock/profiles';
import { readDate } from '../../../../shared/calendar/readDate';
import { RELATIONSHIPS, type CaseRecordInput } from '../../../../shared/domain/case';
import { isThirdPartyByDefault } from '../../../../shared/domain/people';

/**
 * The new-case form's own shape (flat, all strings, as inputs give them) and its mapping to the case record.
 * The server validates the record again; this schema is for helpful messages beside each field.
 */
const optionalDate = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    const problem = s === '' ? undefined : readDate(s).problem;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const newCaseFormSchema = z.object({
  reference: z.string().trim().min(1, { message: 'Enter the case reference' }).max(60),
  councilName: z.string().trim().min(1, { message: 'Enter the commissioning council' }).max(200),
  procedure: z.enum(PROCEDURE_IDS),
  stage2StartsFrom: z.enum(['statementAgreed', 'stage2Requested']),
  teamComplainedAbout: z.string().trim().max(200),
  childName: z.string().trim().min(1, { message: "Enter the child's or young person's name" }).max(200),
  childDateOfBirth: optionalDate,
  complainantName: z.string().trim().min(1, { message: "Enter the complainant's name" }).max(200),
  relationshipToChild: z.enum(RELATIONSHIPS),
  advocateName: z.string().trim().max(200),
  advocateConsent: z.boolean(),
  investigatingOfficer: z.string().trim().max(200),
  independentPerson: z.string().trim().max(200),
  stage2Requested: optionalDate,
  statementAgreed: optionalDate,
  points: z
    .array(
      z.object({
        summary: z.string().trim().min(1, { message: 'Enter the point of complaint, or remove it' }).max(5000),
        outcome: z.string().trim().max(2000),
      }),
    )
    .max(99),
});
export type NewCaseForm = z.infer<typeof newCaseFormSchema>;

export const PROCEDURE_OPTIONS = PROCEDURE_IDS.map((id) => ({ id, label: PROCEDURES[id].label }));

export const emptyNewCase: NewCaseForm = {
  reference: '',
  councilName: '',
  procedure: 'children-statutory',
  stage2StartsFrom: 'statementAgreed',
  teamComplainedAbout: '',
  childName: '',
  childDateOfBirth: '',
  complainantName: '',
  relationshipToChild: 'parent',
  advocateName: '',
  advocateConsent: false,
  investigatingOfficer: '',
  independentPerson: '',
  stage2Requested: '',
  statementAgreed: '',
  points: [{ summary: '', outcome: '' }],
};

const person = (name: string) => (name ? { name } : null);
// What was typed ("17/04/2012", "17 April 2012") as the stored YYYY-MM-DD; the schema above has checked it.
const date = (s: string) => (s ? (readDate(s).date ?? null) : null);

/** The people register starts with the child, the complainant and any advocate, so nobody types them twice. */
function firstPeople(f: NewCaseForm, newId: () => string): NonNullable<CaseRecordInput['people']> {
  const base = { role: '', organisation: '', pseudonym: '', actsForId: null, consentHeld: false };
  const complainantId = newId();
  return [
    { ...base, id: newId(), name: f.childName.trim(), kind: 'child', thirdParty: isThirdPartyByDefault('child') },
    { ...base, id: complainantId, name: f.complainantName.trim(), kind: 'complainant', role: f.relationshipToChild, thirdParty: isThirdPartyByDefault('complainant') },
    ...(f.advocateName.trim()
      ? [{ ...base, id: newId(), name: f.advocateName.trim(), kind: 'advocate' as const, role: 'Advocate', actsForId: complainantId, consentHeld: f.advocateConsent, thirdParty: isThirdPartyByDefault('advocate') }]
      : []),
  ];
}

export function toCaseRecord(f: NewCaseForm, newId: () => string = () => `person-${crypto.randomUUID()}`): CaseRecordInput {
  return {
    people: firstPeople(f, newId),
    reference: f.reference,
    council: { name: f.councilName, procedure: f.procedure, stage2StartsFrom: f.stage2StartsFrom },
    teamComplainedAbout: f.teamComplainedAbout,
    child: { name: f.childName, dateOfBirth: date(f.childDateOfBirth) },
    complainants: [{ name: f.complainantName, relationshipToChild: f.relationshipToChild }],
    advocate: f.advocateName ? { name: f.advocateName, writtenConsentHeld: f.advocateConsent } : null,
    roles: {
      investigatingOfficer: person(f.investigatingOfficer),
      independentPerson: person(f.independentPerson),
      adjudicatingOfficer: null,
      complaintsManager: null,
    },
    keyDates: { stage2Requested: date(f.stage2Requested), statementAgreed: date(f.statementAgreed) } as CaseRecordInput['keyDates'],
    points: f.points.map((p, i) => ({ number: i + 1, summary: p.summary, desiredOutcomes: p.outcome ? [p.outcome] : [] })),
  };
}
