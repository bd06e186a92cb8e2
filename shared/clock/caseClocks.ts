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
import { type Calendar, DEFAULT_CALENDAR, calendarFor, makeCalendar, validClosures } from '../calendar/workingDays';
import {
  type ClockId,
  type ClockParty,
  type ClockUnit,
  KEY_DATE_NAMES,
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

const DUE_SOON_LABEL = `Due within ${DUE_SOON_DAYS} working days`;

function pluralDays(n: number): string {
  return n === 1 ? '1 working day' : `${n} working days`;
}

// Labels with a count are made once per count and shared: 10,000 cases would otherwise build tens of
// thousands of identical strings on every refresh of the dashboard.
const START_NOT_RECORDED_LABEL = 'Ended; its start date is not recorded';
const overdueLabels: string[] = [];
const metLateLabels: string[] = [];

function stateLabelFor(state: ClockState, daysOver: number): string {
  if (daysOver > 0 && (state === 'overdue' || state === 'met-late')) {
    const memo = state === 'overdue' ? overdueLabels : metLateLabels;
    return (memo[daysOver] ??= state === 'overdue' ? `Overdue by ${pluralDays(daysOver)}` : `Met late (${pluralDays(daysOver)} over)`);
  }
  switch (state) {
    case 'not-started':
      return 'Not started';
    case 'on-track':
      return 'On track';
    case 'due-soon':
      return DUE_SOON_LABEL;
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
  startN: number | null,
  endN: number | null,
): ClockView {
  const reason = input.lateReasons?.[rule.id];
  const lateReason = reason === '' ? undefined : reason;
  const end = endN === null ? null : fromDayNumber(endN);
  // Everything is worked out in locals and the view built once at the end: one object literal of one
  // shape is several times faster than filling in a placeholder field by field (measured in npm run bench).
  let start: IsoDate | null = null;
  let due: IsoDate | null = null;
  let baseDue: IsoDate | null = null;
  let maxDue: IsoDate | null = null;
  let extendedTo: IsoDate | null = null;
  let takenDays: number | null = null;
  let leftDays: number | null = null;
  let state: ClockState = 'not-started';
  let daysOver = 0;
  let provisional = false;

  if (startN !== null) {
    start = fromDayNumber(startN);
    takenDays = cal.countWorkingDayNumbers(startN, endN ?? today);
    if (rule.limitDays === null) {
      state = endN === null ? 'no-limit' : 'met';
    } else {
      let baseDueN: number;
      if (rule.unit === 'calendar-months') {
        baseDueN = toDayNumber(addCalendarMonths(start, rule.limitDays));
      } else {
        baseDueN = cal.addWorkingDaysToDayNumber(startN, rule.limitDays);
        provisional = provisionalSpan(startN, baseDueN);
        if (rule.extendable && rule.maxExtendedDays !== undefined) {
          maxDue = fromDayNumber(cal.addWorkingDaysToDayNumber(startN, rule.maxExtendedDays));
        }
      }
      baseDue = fromDayNumber(baseDueN);
      let dueN = baseDueN;
      if (rule.extendable && input.extensions && input.extensions.length > 0) {
        const ids: string[] = rule.sharesExtensionsWith ? [rule.id, rule.sharesExtensionsWith] : [rule.id];
        const ext = latestExtension(input.extensions, ids);
        if (ext) {
          extendedTo = ext.newDueDate;
          // An extension never brings a date forward: one agreed on the other Stage 2 clock (they share
          // extensions) may fall before this clock's own unextended date.
          dueN = Math.max(baseDueN, toDayNumber(ext.newDueDate));
          if (rule.unit === 'working-days') provisional = provisionalSpan(startN, Math.max(dueN, baseDueN));
        }
      }
      due = dueN === baseDueN ? baseDue : fromDayNumber(dueN);
      if (endN !== null) {
        if (endN <= dueN) state = 'met';
        else {
          state = 'met-late';
          daysOver = cal.countWorkingDayNumbers(dueN, endN);
        }
      } else if (today > dueN) {
        daysOver = cal.countWorkingDayNumbers(dueN, today);
        leftDays = -daysOver;
        state = 'overdue';
      } else {
        leftDays = cal.countWorkingDayNumbers(today, dueN);
        state = leftDays <= DUE_SOON_DAYS ? 'due-soon' : 'on-track';
      }
    }
  }
  return {
    id: rule.id,
    label: rule.label,
    statutory: rule.statutory,
    alternative: rule.alternative,
    party: rule.party,
    unit: rule.unit,
    start,
    due,
    baseDue,
    maxDue,
    end,
    limitDays: rule.limitDays,
    extendedTo,
    takenDays,
    leftDays,
    state,
    // An end with no start (e.g. Stage 2 asked for, the Stage 1 response date not recorded) is not "Not started".
    stateLabel: startN === null && endN !== null ? START_NOT_RECORDED_LABEL : stateLabelFor(state, daysOver),
    provisional,
    lateReason,
  };
}

// Key dates of the case being computed, as day numbers (NaN = not recorded). Reused: computing is synchronous.
const KEY_INDEX = new Map<KeyDateName, number>(KEY_DATE_NAMES.map((k, i) => [k, i]));
const keyDays = new Float64Array(KEY_DATE_NAMES.length);

function loadKeyDays(keyDates: CaseClockInput['keyDates']): void {
  for (let i = 0; i < KEY_DATE_NAMES.length; i++) {
    const v = keyDates[KEY_DATE_NAMES[i] as KeyDateName];
    keyDays[i] = v === null || v === undefined ? NaN : (tryDayNumber(v) ?? NaN);
  }
}

function keyDay(name: KeyDateName | null): number | null {
  if (name === null) return null;
  const v = keyDays[KEY_INDEX.get(name) ?? -1];
  return v === undefined || Number.isNaN(v) ? null : v;
}

// Resolved rules by procedure and settings, looked up without building a key string.
const rulesTable = new Map<ProcedureId, (readonly ResolvedClockRule[] | undefined)[]>();

function rulesFor(input: CaseClockInput): readonly ResolvedClockRule[] {
  const ack = input.acknowledgementDays ?? 3;
  const s2 = input.stage2StartsFrom ?? 'statementAgreed';
  const omb = input.ombudsmanFrom ?? 'councilResponseSent';
  if (!Number.isInteger(ack) || ack < 1 || ack > 10) {
    return resolveClockRules(input.procedure, { acknowledgementDays: ack }); // throws a RangeError
  }
  const index = (ack - 1) * 4 + (s2 === 'statementAgreed' ? 0 : 2) + (omb === 'councilResponseSent' ? 0 : 1);
  let byProcedure = rulesTable.get(input.procedure);
  if (byProcedure === undefined) {
    byProcedure = [];
    rulesTable.set(input.procedure, byProcedure);
  }
  let rules = byProcedure[index];
  if (rules === undefined) {
    rules = resolveClockRules(input.procedure, { acknowledgementDays: ack, stage2StartsFrom: s2, ombudsmanFrom: omb });
    byProcedure[index] = rules;
  }
  return rules;
}

function calendarForInput(input: CaseClockInput): Calendar {
  const closures = validClosures(input.closures);
  return closures.length === 0 ? DEFAULT_CALENDAR : calendarFor({ closures });
}

/**
 * All clocks of a case, in the procedure's order. Pass `calendar` to reuse one built for the council's
 * closures (it must match input.closures); otherwise one is built.
 */
export function computeCaseClocks(input: CaseClockInput, calendar?: Calendar): ClockView[] {
  const today = toDayNumber(input.today);
  const cal = calendar ?? calendarForInput(input);
  const rules = rulesFor(input);
  loadKeyDays(input.keyDates);
  const out: ClockView[] = new Array<ClockView>(rules.length);
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as ResolvedClockRule;
    out[i] = clockView(rule, input, cal, today, keyDay(rule.startsFrom), keyDay(rule.endsAt));
  }
  return out;
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
  if (rule.alternative) {
    return { ok: false, message: `${rule.label} is shown for comparison only; record the extension on the statutory Stage 2 clock instead.` };
  }
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
