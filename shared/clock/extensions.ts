/**
 * Extensions of a clock (e.g. Stage 2 from 25 to at most 65 working days). When a response cannot be sent
 * in time the complainant must be told in writing why, and given a new date (DOMAIN.md, Stage 2); the record
 * keeps who was told, when and how, and the new date.
 */
import { z } from 'zod';
import { type IsoDate, addCalendarMonths, formatLongDate, toDayNumber, fromDayNumber } from '../calendar/date';
import type { Calendar } from '../calendar/workingDays';
import { CLOCK_IDS, type ClockRule, isoDateSchema } from './profiles';

export const EXTENSION_REASONS = ['complexity', 'key-witness-unavailable', 'advocate-needed', 'other'] as const;
export type ExtensionReason = (typeof EXTENSION_REASONS)[number];
export const EXTENSION_REASON_LABELS: Readonly<Record<ExtensionReason, string>> = {
  complexity: 'The complaint is complex',
  'key-witness-unavailable': 'A key witness is unavailable',
  'advocate-needed': 'An advocate is needed',
  other: 'Other',
};

export const TOLD_HOW = ['letter', 'email', 'phone', 'in-person'] as const;
export type ToldHow = (typeof TOLD_HOW)[number];

export const extensionSchema = z
  .object({
    id: z.string().min(1),
    clock: z.enum(CLOCK_IDS),
    agreedOn: isoDateSchema,
    reason: z.enum(EXTENSION_REASONS),
    reasonText: z.string().optional(),
    complainantToldOn: isoDateSchema,
    complainantToldHow: z.enum(TOLD_HOW),
    newDueDate: isoDateSchema,
  })
  .superRefine((ext, ctx) => {
    if (ext.reason === 'other' && !ext.reasonText?.trim()) {
      ctx.addIssue({
        code: 'custom',
        path: ['reasonText'],
        message: "Say in words why the time is being extended, as the reason chosen is 'Other'.",
      });
    }
  });

export type Extension = z.output<typeof extensionSchema>;

export type ExtensionValidation = { ok: true; note?: string } | { ok: false; message: string };

export interface ExtensionContext {
  /** The clock's start date (null if it has not started). */
  start: IsoDate | null;
  /** The clock the extension is for (a resolved rule: council settings applied). */
  rule: ClockRule;
  calendar: Calendar;
  /** The due date before this extension (the unextended date or an earlier extension's). Default: unextended. */
  currentDue?: IsoDate | null;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The due date a rule gives without extension, or null if the rule has no limit. */
export function baseDueDate(rule: ClockRule, start: IsoDate, calendar: Calendar): IsoDate | null {
  if (rule.limitDays === null) return null;
  if (rule.unit === 'calendar-months') return addCalendarMonths(start, rule.limitDays);
  return calendar.addWorkingDays(start, rule.limitDays);
}

/** The last date an extension may reach, or null when there is no fixed maximum. */
export function maxExtendedDueDate(rule: ClockRule, start: IsoDate, calendar: Calendar): IsoDate | null {
  if (rule.maxExtendedDays === undefined || rule.unit !== 'working-days') return null;
  return calendar.addWorkingDays(start, rule.maxExtendedDays);
}

/**
 * Checks an extension against the clock it extends. Refusals come back as one plain sentence saying what is
 * wrong and what to do; an acceptable extension may carry a note (e.g. agreed only after the due date).
 */
export function validateExtension(ext: Extension, ctx: ExtensionContext): ExtensionValidation {
  const parsed = extensionSchema.safeParse(ext);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    const message = issue?.message ?? 'The extension is incomplete.';
    return { ok: false, message: field && issue?.code !== 'custom' ? `${field}: ${message}` : message };
  }
  const { rule, calendar } = ctx;
  const what = rule.noun;
  if (ext.clock !== rule.id) {
    return { ok: false, message: `This extension is for the ${ext.clock} clock, not for ${what}.` };
  }
  if (!rule.extendable || rule.limitDays === null || rule.unit !== 'working-days') {
    return { ok: false, message: `${capitalise(what)} cannot be extended.` };
  }
  if (ctx.start === null) {
    return {
      ok: false,
      message: `${capitalise(what)} has not started yet, so it cannot be extended; record its start date first.`,
    };
  }
  const agreed = toDayNumber(ext.agreedOn);
  const told = toDayNumber(ext.complainantToldOn);
  if (told < agreed) {
    return {
      ok: false,
      message:
        `The complainant cannot have been told on ${formatLongDate(ext.complainantToldOn)}, before the extension ` +
        `was agreed on ${formatLongDate(ext.agreedOn)}; check both dates.`,
    };
  }
  const currentDue = ctx.currentDue ?? baseDueDate(rule, ctx.start, calendar);
  const newDue = toDayNumber(ext.newDueDate);
  if (currentDue !== null && newDue <= toDayNumber(currentDue)) {
    return {
      ok: false,
      message:
        `The new date ${ext.newDueDate} is not after the current due date, ${formatLongDate(currentDue)}; ` +
        'choose a later date.',
    };
  }
  const max = maxExtendedDueDate(rule, ctx.start, calendar);
  if (max !== null && newDue > toDayNumber(max)) {
    return {
      ok: false,
      message:
        `The new date ${ext.newDueDate} is beyond the ${rule.maxExtendedDays}-working-day limit for ${what}, ` +
        `which ends on ${formatLongDate(max)}; choose a date on or before it.`,
    };
  }
  if (!calendar.isWorkingDayNumber(newDue)) {
    const earlier = fromDayNumber(newDue - 1);
    let suggestion = calendar.workingDayOnOrAfter(ext.newDueDate);
    if (max !== null && toDayNumber(suggestion) > toDayNumber(max)) {
      // The next working day is past the limit: suggest the last working day before the new date instead.
      let n = toDayNumber(earlier);
      while (!calendar.isWorkingDayNumber(n)) n--;
      suggestion = fromDayNumber(n);
    }
    return {
      ok: false,
      message:
        `The new date ${ext.newDueDate} is not a working day; choose a working day such as ` +
        `${formatLongDate(suggestion)}.`,
    };
  }
  if (currentDue !== null && agreed > toDayNumber(currentDue)) {
    return {
      ok: true,
      note:
        `The extension was agreed on ${formatLongDate(ext.agreedOn)}, after the due date of ` +
        `${formatLongDate(currentDue)} had passed, so the clock was overdue in between.`,
    };
  }
  return { ok: true };
}

/**
 * The extension in force for a clock: the one agreed last (ties: the one recorded last). Extensions with
 * invalid dates are ignored.
 */
export function latestExtension(
  extensions: readonly Extension[] | undefined,
  clocks: readonly string[],
): Extension | null {
  let best: Extension | null = null;
  let bestAgreed = -Infinity;
  for (const ext of extensions ?? []) {
    if (!clocks.includes(ext.clock)) continue;
    let agreed: number;
    try {
      agreed = toDayNumber(ext.agreedOn);
      toDayNumber(ext.newDueDate);
    } catch {
      continue;
    }
    if (agreed >= bestAgreed) {
      best = ext;
      bestAgreed = agreed;
    }
  }
  return best;
}
