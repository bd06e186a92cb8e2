/**
 * The clocks of one case: for each rule of the case's procedure, when it started, when it is due (after any
 * extension), whether it stopped, how many working days it has taken and has left, and a state in words.
 *
 * All counting follows DOMAIN.md "Working days": due = the N-th working day after the start (the start never
 * counted); taken = working days d with start < d <= end (or today while open).
 */
import {
  type IsoDate,
  addCalendarMonths,
  fromDayNumber,
  isIsoDate,
  toDayNumber,
  tryDayNumber,
  yearOfDayNumber,
} from '../calendar/date';
import { isProvisionalYear } from '../calendar/bankHolidays';
import { type Calendar, DEFAULT_CALENDAR, makeCalendar, validClosures } from '../calendar/workingDays';
import {
  type ClockId,
  type ClockParty,
  type ClockUnit,
  type KeyDateName,
  type OmbudsmanFrom,
  type ProcedureId,
  type ResolvedClockRule,
  type Stage2StartsFrom,
  resolveClockRules,
} from './profiles';
import {
  type Extension,
  type ExtensionValidation,
  latestExtension,
  validateExtension,
} from './extensions';

export interface CaseClockInput {
  procedure: ProcedureId;
  acknowledgementDays?: number;
  stage2StartsFrom?: Stage2StartsFrom;
  ombudsmanFrom?: OmbudsmanFrom;
  /** The council's closure days. Invalid entries are ignored. */
  closures?: readonly IsoDate[];
  /** Missing, null or invalid dates count as not recorded. */
  keyDates: Partial<Record<KeyDateName, IsoDate | null>>;
  extensions?: readonly Extension[];
  /** Why a clock ran (or is running) late, as recorded by the user. */
  lateReasons?: Partial<Record<ClockId, string>>;
  /** Today's date in Europe/London. Throws RangeError if invalid. */
  today: IsoDate;
}

export type ClockState = 'not-started' | 'on-track' | 'due-soon' | 'overdue' | 'met' | 'met-late' | 'no-limit';

/** Working days left at or below which an open clock is 'due-soon'. */
export const DUE_SOON_DAYS = 5;

export interface ClockView {
  id: ClockId;
  label: string;
  /** Part of the statutory procedure (for the Stage 2 pair: the one the council's profile chose). */
  statutory: boolean;
  /** The comparison clock of a pair (the Stage 2 clock the council's profile did not choose). */
  alternative: boolean;
  /** Who must act: the council, or the complainant (request windows, the Ombudsman). */
  party: ClockParty;
  unit: ClockUnit;
  start: IsoDate | null;
  /** Due date in force: the latest extension's date, else the unextended due date. */
  due: IsoDate | null;
  /** The due date without any extension. */
  baseDue: IsoDate | null;
  /** The furthest an extension may go (null if not extendable or no fixed maximum). */
  maxDue: IsoDate | null;
  end: IsoDate | null;
  /** The limit in `unit` (working days, or months for the Ombudsman window); null = no fixed limit. */
  limitDays: number | null;
  /** The latest extension's new date, or null. */
  extendedTo: IsoDate | null;
  /** Working days from start to end (or to today while open). */
  takenDays: number | null;
  /** Working days from today to due while open; negative (working days after due) when overdue; null otherwise. */
  leftDays: number | null;
  state: ClockState;
  stateLabel: string;
  /** The due date was computed across a year whose bank holidays are provisional (rules, not the table). */
  provisional: boolean;
  lateReason?: string;
}

function dayOrNull(d: IsoDate | null | undefined): number | null {
  return d === null || d === undefined ? null : tryDayNumber(d);
}

function pluralDays(n: number): string {
  return n === 1 ? '1 working day' : `${n} working days`;
}

function stateLabelFor(state: ClockState, daysOver: number): string {
  switch (state) {
    case 'not-started':
      return 'Not started';
    case 'on-track':
      return 'On track';
    case 'due-soon':
      return `Due within ${DUE_SOON_DAYS} working days`;
    case 'overdue':
      return daysOver > 0 ? `Overdue by ${pluralDays(daysOver)}` : 'Overdue';
    case 'met':
      return 'Met';
    case 'met-late':
      return daysOver > 0 ? `Met late (${pluralDays(daysOver)} over)` : 'Met late';
    case 'no-limit':
      return 'No fixed time limit';
  }
}

function provisionalSpan(a: number, b: number): boolean {
  if (b <= a) return false;
  return isProvisionalYear(yearOfDayNumber(a + 1)) || isProvisionalYear(yearOfDayNumber(b));
}

function clockView(
  rule: ResolvedClockRule,
  input: CaseClockInput,
  cal: Calendar,
  today: number,
  keyDays: Partial<Record<KeyDateName, number | null>>,
): ClockView {
  const startN = keyDays[rule.startsFrom] ?? null;
  const endN = rule.endsAt === null ? null : (keyDays[rule.endsAt] ?? null);
  const lateReason = input.lateReasons?.[rule.id];
  const view: ClockView = {
    id: rule.id,
    label: rule.label,
    statutory: rule.statutory,
    alternative: rule.alternative,
    party: rule.party,
    unit: rule.unit,
    start: null,
    due: null,
    baseDue: null,
    maxDue: null,
    end: endN === null ? null : fromDayNumber(endN),
    limitDays: rule.limitDays,
    extendedTo: null,
    takenDays: null,
    leftDays: null,
    state: 'not-started',
    stateLabel: stateLabelFor('not-started', 0),
    provisional: false,
  };
  if (lateReason !== undefined && lateReason !== '') view.lateReason = lateReason;
  if (startN === null) return view;

  view.start = fromDayNumber(startN);
  view.takenDays = cal.countWorkingDayNumbers(startN, endN ?? today);

  if (rule.limitDays === null) {
    view.state = endN === null ? 'no-limit' : 'met';
    view.stateLabel = stateLabelFor(view.state, 0);
    return view;
  }

  let baseDueN: number;
  if (rule.unit === 'calendar-months') {
    baseDueN = toDayNumber(addCalendarMonths(view.start, rule.limitDays));
  } else {
    baseDueN = cal.addWorkingDaysToDayNumber(startN, rule.limitDays);
    view.provisional = provisionalSpan(startN, baseDueN);
    if (rule.extendable && rule.maxExtendedDays !== undefined) {
      view.maxDue = fromDayNumber(cal.addWorkingDaysToDayNumber(startN, rule.maxExtendedDays));
    }
  }
  view.baseDue = fromDayNumber(baseDueN);
  let dueN = baseDueN;
  if (rule.extendable && input.extensions && input.extensions.length > 0) {
    const ids: string[] = rule.sharesExtensionsWith ? [rule.id, rule.sharesExtensionsWith] : [rule.id];
    const ext = latestExtension(input.extensions, ids);
    if (ext) {
      view.extendedTo = ext.newDueDate;
      dueN = toDayNumber(ext.newDueDate);
      if (rule.unit === 'working-days') view.provisional = provisionalSpan(startN, Math.max(dueN, baseDueN));
    }
  }
  view.due = fromDayNumber(dueN);

  if (endN !== null) {
    if (endN <= dueN) {
      view.state = 'met';
      view.stateLabel = stateLabelFor('met', 0);
    } else {
      view.state = 'met-late';
      view.stateLabel = stateLabelFor('met-late', cal.countWorkingDayNumbers(dueN, endN));
    }
    return view;
  }
  if (today > dueN) {
    const over = cal.countWorkingDayNumbers(dueN, today);
    view.leftDays = -over;
    view.state = 'overdue';
    view.stateLabel = stateLabelFor('overdue', over);
  } else {
    const left = cal.countWorkingDayNumbers(today, dueN);
    view.leftDays = left;
    view.state = left <= DUE_SOON_DAYS ? 'due-soon' : 'on-track';
    view.stateLabel = stateLabelFor(view.state, 0);
  }
  return view;
}

function keyDayNumbers(keyDates: CaseClockInput['keyDates']): Partial<Record<KeyDateName, number | null>> {
  const out: Partial<Record<KeyDateName, number | null>> = {};
  for (const k of Object.keys(keyDates) as KeyDateName[]) out[k] = dayOrNull(keyDates[k]);
  return out;
}

function rulesFor(input: CaseClockInput): readonly ResolvedClockRule[] {
  const settings: { acknowledgementDays?: number; stage2StartsFrom?: Stage2StartsFrom; ombudsmanFrom?: OmbudsmanFrom } =
    {};
  if (input.acknowledgementDays !== undefined) settings.acknowledgementDays = input.acknowledgementDays;
  if (input.stage2StartsFrom !== undefined) settings.stage2StartsFrom = input.stage2StartsFrom;
  if (input.ombudsmanFrom !== undefined) settings.ombudsmanFrom = input.ombudsmanFrom;
  return resolveClockRules(input.procedure, settings);
}

function calendarForInput(input: CaseClockInput): Calendar {
  const closures = validClosures(input.closures);
  return closures.length === 0 ? DEFAULT_CALENDAR : makeCalendar({ closures });
}

/**
 * All clocks of a case, in the procedure's order. Pass `calendar` to reuse one built for the council's
 * closures (it must match input.closures); otherwise one is built.
 */
export function computeCaseClocks(input: CaseClockInput, calendar?: Calendar): ClockView[] {
  const today = toDayNumber(input.today);
  const cal = calendar ?? calendarForInput(input);
  const keyDays = keyDayNumbers(input.keyDates);
  return rulesFor(input).map((rule) => clockView(rule, input, cal, today, keyDays));
}

/** Clocks for many cases at once, sharing one calendar per distinct set of closures. */
export function computeClocksForMany(inputs: readonly CaseClockInput[]): ClockView[][] {
  const calendars = new Map<string, Calendar>();
  return inputs.map((input) => {
    const closures = validClosures(input.closures);
    let cal = DEFAULT_CALENDAR;
    if (closures.length > 0) {
      const key = closures.join(',');
      const hit = calendars.get(key);
      if (hit) cal = hit;
      else {
        cal = makeCalendar({ closures });
        calendars.set(key, cal);
      }
    }
    return computeCaseClocks(input, cal);
  });
}

const OPEN_STATES: ReadonlySet<ClockState> = new Set<ClockState>(['on-track', 'due-soon', 'overdue']);

export interface NextDeadlineOptions {
  /** Also consider the comparison Stage 2 clock (default false). */
  includeAlternatives?: boolean;
  /** Also consider the complainant's windows and the Ombudsman window (default false). */
  includeComplainantClocks?: boolean;
}

/**
 * The open clock (on track, due soon or overdue) with the earliest due date, for sorting a dashboard; null
 * when nothing is running. By default only the council's own deadlines count, and not the comparison clock.
 * Ties go to the clock that comes first in the procedure.
 */
export function nextDeadline(clocks: readonly ClockView[], opts: NextDeadlineOptions = {}): ClockView | null {
  let best: ClockView | null = null;
  for (const c of clocks) {
    if (!OPEN_STATES.has(c.state) || c.due === null) continue;
    if (c.alternative && !opts.includeAlternatives) continue;
    if (c.party === 'complainant' && !opts.includeComplainantClocks) continue;
    if (best === null || (best.due !== null && c.due < best.due)) best = c;
  }
  return best;
}

/**
 * Checks a proposed extension against the case: the clock's start, the due date in force before it (other
 * extensions, not this one), the council's closures and the limit. See validateExtension.
 */
export function validateExtensionForCase(input: CaseClockInput, ext: Extension): ExtensionValidation {
  const rule = rulesFor(input).find((r) => r.id === ext.clock);
  if (!rule) return { ok: false, message: `This procedure has no ${ext.clock} clock to extend.` };
  const cal = calendarForInput(input);
  const start = input.keyDates[rule.startsFrom] ?? null;
  const others = (input.extensions ?? []).filter((e) => e.id !== ext.id);
  const ids: string[] = rule.sharesExtensionsWith ? [rule.id, rule.sharesExtensionsWith] : [rule.id];
  const previous = latestExtension(others, ids);
  return validateExtension(ext, {
    start: start !== null && isIsoDate(start) ? start : null,
    rule,
    calendar: cal,
    currentDue: previous ? previous.newDueDate : null,
  });
}
