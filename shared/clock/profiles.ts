/**
 * Procedure profiles: which clocks a case has, as data.
 *
 * A commissioning council picks one procedure (DOMAIN.md "The procedure"); each procedure is a list of clock
 * rules. Council settings that change a clock are named on the rule (`limitFromSetting`,
 * `statutoryWhenStage2StartsFrom`, `startsFromSetting`) and applied by resolveClockRules — there is no
 * per-procedure code anywhere.
 */
import { z } from 'zod';
import { isIsoDate } from '../calendar/date';

export const PROCEDURE_IDS = [
  'children-statutory',
  'corporate-two-stage',
  'adults-statutory',
  'complaint-handling-code',
] as const;
export type ProcedureId = (typeof PROCEDURE_IDS)[number];
export const DEFAULT_PROCEDURE: ProcedureId = 'children-statutory';

/** The dates recorded on a case that clocks start from and stop at. */
export const KEY_DATE_NAMES = [
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
  'matterKnown',
] as const;
export type KeyDateName = (typeof KEY_DATE_NAMES)[number];

export const KEY_DATE_LABELS: Readonly<Record<KeyDateName, string>> = {
  stage1Received: 'Complaint received (Stage 1)',
  stage1Acknowledged: 'Complaint acknowledged',
  stage1Responded: 'Stage 1 response sent',
  stage2Requested: 'Stage 2 requested',
  statementAgreed: 'Statement of complaint agreed',
  stage2ResponseSent: 'Stage 2 response sent',
  stage3Requested: 'Review panel requested',
  panelHeld: 'Review panel held',
  panelReportSent: "Panel's report sent",
  councilResponseSent: "Council's response to the panel sent",
  matterKnown: 'Complainant first knew of the matter',
};

export const CLOCK_IDS = [
  'stage1-ack',
  'stage1-response',
  'stage2-request-window',
  'stage2-response-from-statement',
  'stage2-response-from-request',
  'stage2-response',
  'stage3-request-window',
  'panel',
  'panel-report',
  'council-response',
  'ombudsman',
] as const;
export type ClockId = (typeof CLOCK_IDS)[number];

export type ClockUnit = 'working-days' | 'calendar-months';
/** Who must act before the clock runs out: the council, or the complainant (request windows). */
export type ClockParty = 'council' | 'complainant';
export type Stage2StartsFrom = 'statementAgreed' | 'stage2Requested';
export type OmbudsmanFrom = 'councilResponseSent' | 'matterKnown';

export interface ClockRule {
  id: ClockId;
  /** Short title for lists ("Stage 2 response (from agreed statement)"). */
  label: string;
  /** The thing being timed, for use inside a sentence ("the Stage 2 response"). */
  noun: string;
  startsFrom: KeyDateName;
  /** The date that stops the clock; null for a clock nothing in the procedure stops (the Ombudsman window). */
  endsAt: KeyDateName | null;
  /** The time allowed, counted in `unit`; null = no fixed limit. */
  limitDays: number | null;
  unit: ClockUnit;
  /** Whether an extension can be agreed. */
  extendable: boolean;
  /** The furthest an extension may go, in working days from the start; absent = no fixed maximum. */
  maxExtendedDays?: number;
  /** Part of the statutory procedure (as opposed to council practice or a comparison clock). */
  statutory?: boolean;
  party: ClockParty;
  source?: string;
  /** Take limitDays from this council setting instead. */
  limitFromSetting?: 'acknowledgementDays';
  /** Statutory only when the council's stage2StartsFrom setting equals this (the other is the comparison). */
  statutoryWhenStage2StartsFrom?: Stage2StartsFrom;
  /** Take startsFrom from this council setting instead. */
  startsFromSetting?: 'ombudsmanFrom';
  /** Extensions recorded against that clock also move this one (same response, counted differently). */
  sharesExtensionsWith?: ClockId;
}

export interface ProcedureProfile {
  id: ProcedureId;
  label: string;
  description: string;
  source: string;
  clocks: readonly ClockRule[];
}

const CHILDREN_REGS = 'Children Act 1989 Representations Procedure (England) Regulations 2006';

const ackRule = (source: string): ClockRule => ({
  id: 'stage1-ack',
  label: 'Acknowledgement',
  noun: 'the acknowledgement',
  startsFrom: 'stage1Received',
  endsAt: 'stage1Acknowledged',
  limitDays: 3,
  unit: 'working-days',
  extendable: false,
  statutory: false,
  party: 'council',
  limitFromSetting: 'acknowledgementDays',
  source,
});

const ombudsmanRule: ClockRule = {
  id: 'ombudsman',
  label: 'Time to go to the Ombudsman',
  noun: 'the time to complain to the Ombudsman',
  startsFrom: 'councilResponseSent',
  endsAt: null,
  limitDays: 12,
  unit: 'calendar-months',
  extendable: false,
  statutory: false,
  party: 'complainant',
  startsFromSetting: 'ombudsmanFrom',
  source: 'LGSCO: complaints usually within 12 months of knowing of the matter; the Ombudsman has discretion',
};

export const PROCEDURES: Readonly<Record<ProcedureId, ProcedureProfile>> = {
  'children-statutory': {
    id: 'children-statutory',
    label: "Children's statutory complaints (three stages)",
    description:
      'Stage 1 local resolution, Stage 2 independent investigation (IO and IP), Stage 3 review panel.',
    source: CHILDREN_REGS,
    clocks: [
      ackRule('Council practice: 2–5 working days (council setting, default 3)'),
      {
        id: 'stage1-response',
        label: 'Stage 1 response',
        noun: 'the Stage 1 response',
        startsFrom: 'stage1Received',
        endsAt: 'stage1Responded',
        limitDays: 10,
        unit: 'working-days',
        extendable: true,
        maxExtendedDays: 20,
        statutory: true,
        party: 'council',
        source: `${CHILDREN_REGS}: 10 working days, up to 20 for a complex case or where an advocate is needed`,
      },
      {
        id: 'stage2-request-window',
        label: 'Time to ask for Stage 2',
        noun: 'the time to ask for Stage 2',
        startsFrom: 'stage1Responded',
        endsAt: 'stage2Requested',
        limitDays: 20,
        unit: 'working-days',
        extendable: false,
        statutory: true,
        party: 'complainant',
        source: `${CHILDREN_REGS}: 20 working days from the Stage 1 response`,
      },
      {
        id: 'stage2-response-from-statement',
        label: 'Stage 2 response (from agreed statement)',
        noun: 'the Stage 2 response',
        startsFrom: 'statementAgreed',
        endsAt: 'stage2ResponseSent',
        limitDays: 25,
        unit: 'working-days',
        extendable: true,
        maxExtendedDays: 65,
        party: 'council',
        statutoryWhenStage2StartsFrom: 'statementAgreed',
        sharesExtensionsWith: 'stage2-response-from-request',
        source: `${CHILDREN_REGS}: 25 working days, at most 65; counted from the agreed statement of complaint`,
      },
      {
        id: 'stage2-response-from-request',
        label: 'Stage 2 response (from Stage 2 request)',
        noun: 'the Stage 2 response',
        startsFrom: 'stage2Requested',
        endsAt: 'stage2ResponseSent',
        limitDays: 25,
        unit: 'working-days',
        extendable: true,
        maxExtendedDays: 65,
        party: 'council',
        statutoryWhenStage2StartsFrom: 'stage2Requested',
        sharesExtensionsWith: 'stage2-response-from-statement',
        source: `${CHILDREN_REGS}: 25 working days, at most 65; counted from the Stage 2 request (some Ombudsman decisions)`,
      },
      {
        id: 'stage3-request-window',
        label: 'Time to ask for a review panel',
        noun: 'the time to ask for a review panel',
        startsFrom: 'stage2ResponseSent',
        endsAt: 'stage3Requested',
        limitDays: 20,
        unit: 'working-days',
        extendable: false,
        statutory: true,
        party: 'complainant',
        source: `${CHILDREN_REGS}: 20 working days from receiving the Stage 2 response`,
      },
      {
        id: 'panel',
        label: 'Review panel hearing',
        noun: 'the review panel hearing',
        startsFrom: 'stage3Requested',
        endsAt: 'panelHeld',
        limitDays: 30,
        unit: 'working-days',
        extendable: false,
        statutory: true,
        party: 'council',
        source: `${CHILDREN_REGS}: panel meets within 30 working days of the request`,
      },
      {
        id: 'panel-report',
        label: "Panel's report",
        noun: "the panel's report",
        startsFrom: 'panelHeld',
        endsAt: 'panelReportSent',
        limitDays: 5,
        unit: 'working-days',
        extendable: false,
        statutory: true,
        party: 'council',
        source: `${CHILDREN_REGS}: report within 5 working days of the hearing`,
      },
      {
        id: 'council-response',
        label: "Council's response to the panel",
        noun: "the council's response to the panel",
        startsFrom: 'panelReportSent',
        endsAt: 'councilResponseSent',
        limitDays: 15,
        unit: 'working-days',
        extendable: false,
        statutory: true,
        party: 'council',
        source: `${CHILDREN_REGS}: council responds within 15 working days of receiving the report`,
      },
      ombudsmanRule,
    ],
  },
  'corporate-two-stage': {
    id: 'corporate-two-stage',
    label: 'Corporate complaints (two stages)',
    description: 'Council policy, not statute: Stage 1 by the service, Stage 2 review by a senior officer.',
    source: 'Council corporate complaints policies (seeds 000, 002)',
    clocks: [
      ackRule('Council policy: 3 or 5 working days (council setting, default 3)'),
      {
        id: 'stage1-response',
        label: 'Stage 1 response',
        noun: 'the Stage 1 response',
        startsFrom: 'stage1Received',
        endsAt: 'stage1Responded',
        limitDays: 10,
        unit: 'working-days',
        extendable: true,
        maxExtendedDays: 20,
        statutory: false,
        party: 'council',
        source: 'Council policy: 10 working days, up to 20',
      },
      {
        id: 'stage2-response',
        label: 'Stage 2 response',
        noun: 'the Stage 2 response',
        startsFrom: 'stage2Requested',
        endsAt: 'stage2ResponseSent',
        limitDays: 20,
        unit: 'working-days',
        extendable: true,
        statutory: false,
        party: 'council',
        source: 'Council policy: 20 working days; may be extended with the complainant kept informed',
      },
      ombudsmanRule,
    ],
  },
  'adults-statutory': {
    id: 'adults-statutory',
    label: "Adults' statutory complaints (single stage)",
    description: 'One stage with a resolution plan and a timetable agreed with the complainant; no fixed limit.',
    source: 'Local Authority Social Services and NHS Complaints (England) Regulations 2009; seed 002',
    clocks: [
      ackRule('Acknowledge within 3 working days of receipt (seed 002; council setting)'),
      {
        id: 'stage1-response',
        label: 'Response',
        noun: 'the response',
        startsFrom: 'stage1Received',
        endsAt: 'stage1Responded',
        limitDays: null,
        unit: 'working-days',
        extendable: false,
        statutory: true,
        party: 'council',
        source: 'No fixed limit: timetable agreed with the complainant in the resolution plan',
      },
      ombudsmanRule,
    ],
  },
  'complaint-handling-code': {
    id: 'complaint-handling-code',
    label: "Ombudsmen's Complaint Handling Code (two stages)",
    description: 'Acknowledge in 5 working days, Stage 1 response in 10, Stage 2 response in 20.',
    source: 'Complaint Handling Code',
    clocks: [
      {
        id: 'stage1-ack',
        label: 'Acknowledgement',
        noun: 'the acknowledgement',
        startsFrom: 'stage1Received',
        endsAt: 'stage1Acknowledged',
        limitDays: 5,
        unit: 'working-days',
        extendable: false,
        statutory: false,
        party: 'council',
        source: 'Complaint Handling Code: acknowledge within 5 working days of receipt',
      },
      {
        id: 'stage1-response',
        label: 'Stage 1 response',
        noun: 'the Stage 1 response',
        startsFrom: 'stage1Acknowledged',
        endsAt: 'stage1Responded',
        limitDays: 10,
        unit: 'working-days',
        extendable: true,
        maxExtendedDays: 20,
        statutory: false,
        party: 'council',
        source: 'Complaint Handling Code: 10 working days from the acknowledgement; extension of up to 10 more',
      },
      {
        id: 'stage2-response',
        label: 'Stage 2 response',
        noun: 'the Stage 2 response',
        startsFrom: 'stage2Requested',
        endsAt: 'stage2ResponseSent',
        limitDays: 20,
        unit: 'working-days',
        extendable: true,
        maxExtendedDays: 40,
        statutory: false,
        party: 'council',
        source:
          'Complaint Handling Code: 20 working days (the Code counts from the Stage 2 acknowledgement; ' +
          'counted here from the request, which is never later); extension of up to 20 more',
      },
      ombudsmanRule,
    ],
  },
};

/** The profile for a procedure id. Throws RangeError for an unknown id. */
export function getProcedure(id: ProcedureId): ProcedureProfile {
  const p = (PROCEDURES as Partial<Record<string, ProcedureProfile>>)[id];
  if (!p) throw new RangeError(`Unknown procedure: ${String(id)}`);
  return p;
}

export function isProcedureId(id: unknown): id is ProcedureId {
  return typeof id === 'string' && (PROCEDURE_IDS as readonly string[]).includes(id);
}

// ---------------------------------------------------------------------------------------------------------
// Council settings

export const isoDateSchema = z
  .string()
  .refine((s) => isIsoDate(s), { message: 'must be a real date written as YYYY-MM-DD (for example 2024-03-07)' });

export const STAGE2_STARTS_FROM = ['statementAgreed', 'stage2Requested'] as const;
export const OMBUDSMAN_FROM = ['councilResponseSent', 'matterKnown'] as const;

/** The commissioning council's clock settings (parse stored/entered settings with this; defaults fill gaps). */
export const councilClockSettingsSchema = z.object({
  procedure: z.enum(PROCEDURE_IDS).default(DEFAULT_PROCEDURE),
  acknowledgementDays: z.number().int().min(1).max(10).default(3),
  stage2StartsFrom: z.enum(STAGE2_STARTS_FROM).default('statementAgreed'),
  ombudsmanFrom: z.enum(OMBUDSMAN_FROM).default('councilResponseSent'),
  closures: z.array(isoDateSchema).default([]),
});
export type CouncilClockSettings = z.output<typeof councilClockSettingsSchema>;
export type CouncilClockSettingsInput = z.input<typeof councilClockSettingsSchema>;

export const DEFAULT_COUNCIL_CLOCK_SETTINGS: CouncilClockSettings = {
  procedure: DEFAULT_PROCEDURE,
  acknowledgementDays: 3,
  stage2StartsFrom: 'statementAgreed',
  ombudsmanFrom: 'councilResponseSent',
  closures: [],
};

export interface ClockSettings {
  acknowledgementDays: number;
  stage2StartsFrom: Stage2StartsFrom;
  ombudsmanFrom: OmbudsmanFrom;
}

/** A clock rule with the council's settings applied. */
export interface ResolvedClockRule extends ClockRule {
  statutory: boolean;
  /** The comparison clock of a pair (the Stage 2 clock the council's setting did not choose). */
  alternative: boolean;
}

const resolvedCache = new Map<string, readonly ResolvedClockRule[]>();

/**
 * The procedure's clocks with council settings applied: the acknowledgement limit, which Stage 2 clock is
 * statutory (the other is marked `alternative`), and where the Ombudsman window starts. Results are cached
 * and frozen; do not mutate.
 */
export function resolveClockRules(
  procedure: ProcedureId,
  settings: Partial<ClockSettings> = {},
): readonly ResolvedClockRule[] {
  const ack = settings.acknowledgementDays ?? DEFAULT_COUNCIL_CLOCK_SETTINGS.acknowledgementDays;
  if (!Number.isInteger(ack) || ack < 1 || ack > 10) {
    throw new RangeError(`acknowledgementDays must be a whole number 1–10, got ${ack}`);
  }
  const s2 = settings.stage2StartsFrom ?? DEFAULT_COUNCIL_CLOCK_SETTINGS.stage2StartsFrom;
  const omb = settings.ombudsmanFrom ?? DEFAULT_COUNCIL_CLOCK_SETTINGS.ombudsmanFrom;
  const key = `${procedure}|${ack}|${s2}|${omb}`;
  const hit = resolvedCache.get(key);
  if (hit) return hit;
  const values: ClockSettings = { acknowledgementDays: ack, stage2StartsFrom: s2, ombudsmanFrom: omb };
  const rules = getProcedure(procedure).clocks.map((rule): ResolvedClockRule => {
    const chosen =
      rule.statutoryWhenStage2StartsFrom === undefined
        ? undefined
        : rule.statutoryWhenStage2StartsFrom === values.stage2StartsFrom;
    return Object.freeze({
      ...rule,
      limitDays: rule.limitFromSetting ? values[rule.limitFromSetting] : rule.limitDays,
      startsFrom: rule.startsFromSetting ? values[rule.startsFromSetting] : rule.startsFrom,
      statutory: chosen ?? rule.statutory ?? false,
      alternative: chosen === false,
    });
  });
  const frozen = Object.freeze(rules);
  resolvedCache.set(key, frozen);
  return frozen;
}
