/**
 * Working days (regulation 2; DOMAIN.md "Working days").
 *
 * A working day is not a Saturday or Sunday, not an England and Wales bank holiday (Christmas Day, Boxing
 * Day and Good Friday are among them) and not one of the council's own closure days.
 *
 * Counting, everywhere in Casewright:
 *  - "within N working days of D" = on or before the N-th working day after D; D itself is never counted;
 *  - "working days taken" from D to E = number of working days d with D < d <= E.
 *
 * Speed: weekdays are counted arithmetically (whole weeks at a time), and only the few non-working
 * weekdays (bank holidays + closures, memoised per year, joined into one sorted array per calendar and
 * binary-searched) are subtracted.
 */
import { bankHolidayDayNumbers, isProvisionalYear } from './bankHolidays';
import {
  type IsoDate,
  fromDayNumber,
  isIsoDate,
  MAX_DAY_NUMBER,
  MIN_DAY_NUMBER,
  toDayNumber,
  yearOfDayNumber,
  yearStartDayNumber,
} from './date';

export interface CalendarOptions {
  /** The council's own closure days (e.g. between Christmas and New Year). Weekend dates are harmless. */
  closures?: readonly IsoDate[];
}

/** Working-day functions bound to one set of closures. Build once with makeCalendar and reuse. */
export interface Calendar {
  readonly closures: readonly IsoDate[];
  isWorkingDay(d: IsoDate): boolean;
  /** The n-th working day after `from` (`from` never counted); n = 0 returns `from`. */
  addWorkingDays(from: IsoDate, n: number): IsoDate;
  /** Working days d with from < d <= to; 0 when to <= from. */
  countWorkingDays(from: IsoDate, to: IsoDate): number;
  /** The first working day strictly after `d`. */
  nextWorkingDay(d: IsoDate): IsoDate;
  /** The first working day on or after `d`. */
  workingDayOnOrAfter(d: IsoDate): IsoDate;
  /** True if any year in (from, to] takes its bank holidays from the rules rather than the table. */
  isProvisionalSpan(from: IsoDate, to: IsoDate): boolean;
  // The same on day numbers (days since 1970-01-01), for hot loops.
  isWorkingDayNumber(n: number): boolean;
  addWorkingDaysToDayNumber(from: number, n: number): number;
  countWorkingDayNumbers(from: number, to: number): number;
}

// Weekday arithmetic. Day number 4 (1970-01-05) is a Monday.
// weekdayIndex(n) = number of weekdays in (some fixed Monday-based origin, n]; differences are what matter.
function weekdayIndex(n: number): number {
  const r = n - 4;
  const w = Math.floor(r / 7);
  const q = r - 7 * w; // 0 = Monday … 6 = Sunday
  return 5 * w + (q < 5 ? q + 1 : 5);
}

/** The weekday whose weekdayIndex is t. */
function weekdayAt(t: number): number {
  const w = Math.floor((t - 1) / 5);
  return 4 + 7 * w + (t - 1 - 5 * w);
}

function isWeekday(n: number): boolean {
  const q = (((n - 4) % 7) + 7) % 7;
  return q < 5;
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`Number of working days must be a whole number 0 or more, got ${n}`);
  }
}

/** The next weekday strictly after day n. */
function nextWeekday(n: number): number {
  const q = (((n - 4) % 7) + 7) % 7; // 0 = Monday … 6 = Sunday
  return q === 4 ? n + 3 : q === 5 ? n + 2 : n + 1;
}

class CalendarImpl implements Calendar {
  readonly closures: readonly IsoDate[];
  private readonly closureDays: Set<number>;
  private readonly closuresByYear = new Map<number, number[]>();
  private readonly yearMemo = new Map<number, Int32Array>();
  // All non-working weekdays of years loYear..hiYear, sorted, covering day numbers [coveredFrom, coveredTo].
  private flat = new Int32Array(0);
  private loYear = 0;
  private hiYear = -1;
  private coveredFrom = 0;
  private coveredTo = -1;

  constructor(closures: readonly IsoDate[]) {
    this.closures = Object.freeze([...closures]);
    this.closureDays = new Set();
    for (const c of closures) {
      const n = toDayNumber(c); // throws RangeError on a malformed closure date
      if (!isWeekday(n) || this.closureDays.has(n)) continue;
      this.closureDays.add(n);
      const y = yearOfDayNumber(n);
      const list = this.closuresByYear.get(y);
      if (list) list.push(n);
      else this.closuresByYear.set(y, [n]);
    }
  }

  /** Sorted non-working weekdays of a year: bank holidays on weekdays plus weekday closures. */
  private nonWorking(year: number): Int32Array {
    let v = this.yearMemo.get(year);
    if (v === undefined) {
      const set = new Set<number>();
      for (const n of bankHolidayDayNumbers(year)) if (isWeekday(n)) set.add(n);
      for (const n of this.closuresByYear.get(year) ?? []) set.add(n);
      v = Int32Array.from(set).sort();
      this.yearMemo.set(year, v);
    }
    return v;
  }

  /** Makes sure the flat index covers day numbers a..b (rebuilt rarely, with a year's margin each side). */
  private cover(a: number, b: number): void {
    if (a >= this.coveredFrom && b <= this.coveredTo) return;
    if (a < MIN_DAY_NUMBER - 800 || b > MAX_DAY_NUMBER + 800) {
      throw new RangeError('Working days can only be counted between 1900 and 2199');
    }
    let lo = yearOfDayNumber(a) - 1;
    let hi = yearOfDayNumber(b) + 1;
    if (this.hiYear >= this.loYear) {
      lo = Math.min(lo, this.loYear);
      hi = Math.max(hi, this.hiYear);
    }
    const parts: Int32Array[] = [];
    let total = 0;
    for (let y = lo; y <= hi; y++) {
      const p = this.nonWorking(y);
      parts.push(p);
      total += p.length;
    }
    const flat = new Int32Array(total);
    let at = 0;
    for (const p of parts) {
      flat.set(p, at);
      at += p.length;
    }
    this.flat = flat;
    this.loYear = lo;
    this.hiYear = hi;
    this.coveredFrom = yearStartDayNumber(lo);
    this.coveredTo = yearStartDayNumber(hi + 1) - 1;
  }

  /** Index of the first non-working weekday after day n (the index must cover n). */
  private upperBound(n: number): number {
    const a = this.flat;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((a[mid] as number) <= n) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  isWorkingDayNumber(n: number): boolean {
    if (!isWeekday(n)) return false;
    if (this.closureDays.has(n)) return false;
    const list = bankHolidayDayNumbers(yearOfDayNumber(n));
    for (let i = 0; i < list.length; i++) if (list[i] === n) return false;
    return true;
  }

  addWorkingDaysToDayNumber(from: number, n: number): number {
    checkCount(n);
    if (n === 0) return from;
    // The n-th weekday after `from`, then one more weekday for each non-working weekday passed on the way.
    let target = weekdayAt(weekdayIndex(from) + n);
    this.cover(from + 1, target);
    const flat = this.flat;
    const coveredTo = this.coveredTo;
    for (let i = this.upperBound(from); i < flat.length && (flat[i] as number) <= target; i++) {
      target = nextWeekday(target);
      if (target > coveredTo) {
        // Ran past the index (a very long closure run): widen it and start again.
        this.cover(from + 1, target + 366);
        return this.addWorkingDaysToDayNumber(from, n);
      }
    }
    return target;
  }

  countWorkingDayNumbers(from: number, to: number): number {
    if (to <= from) return 0;
    this.cover(from, to);
    return weekdayIndex(to) - weekdayIndex(from) - (this.upperBound(to) - this.upperBound(from));
  }

  isWorkingDay(d: IsoDate): boolean {
    return this.isWorkingDayNumber(toDayNumber(d));
  }

  addWorkingDays(from: IsoDate, n: number): IsoDate {
    return fromDayNumber(this.addWorkingDaysToDayNumber(toDayNumber(from), n));
  }

  countWorkingDays(from: IsoDate, to: IsoDate): number {
    return this.countWorkingDayNumbers(toDayNumber(from), toDayNumber(to));
  }

  nextWorkingDay(d: IsoDate): IsoDate {
    return this.addWorkingDays(d, 1);
  }

  workingDayOnOrAfter(d: IsoDate): IsoDate {
    const n = toDayNumber(d);
    return fromDayNumber(this.addWorkingDaysToDayNumber(n - 1, 1));
  }

  isProvisionalSpan(from: IsoDate, to: IsoDate): boolean {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    if (b <= a) return false;
    return isProvisionalYear(yearOfDayNumber(a + 1)) || isProvisionalYear(yearOfDayNumber(b));
  }
}

/**
 * A calendar with the council's closures pre-indexed. Throws RangeError if a closure is not a valid date.
 * Calendars are immutable and safe to share between cases of the same council.
 */
export function makeCalendar(opts: CalendarOptions = {}): Calendar {
  return new CalendarImpl(opts.closures ?? []);
}

/** The calendar with no closures (bank holidays and weekends only). */
export const DEFAULT_CALENDAR: Calendar = makeCalendar();

// Small cache so the free functions below don't rebuild a calendar for the same closures every call.
const cache = new Map<string, Calendar>();
const CACHE_LIMIT = 64;

/** A shared calendar for these options (cached by the list of closures). */
export function calendarFor(opts?: CalendarOptions): Calendar {
  const closures = opts?.closures;
  if (!closures || closures.length === 0) return DEFAULT_CALENDAR;
  const key = closures.join(',');
  let cal = cache.get(key);
  if (cal === undefined) {
    cal = makeCalendar({ closures });
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, cal);
  }
  return cal;
}

/** True if `d` is a working day: not a weekend, bank holiday or council closure day. */
export function isWorkingDay(d: IsoDate, opts?: CalendarOptions): boolean {
  return calendarFor(opts).isWorkingDay(d);
}

/**
 * The n-th working day after `from` — the last day of "within n working days of `from`". `from` is never
 * counted, whether or not it is a working day; n = 0 returns `from`. Throws RangeError if n is negative or
 * not a whole number, or a date is invalid.
 */
export function addWorkingDays(from: IsoDate, n: number, opts?: CalendarOptions): IsoDate {
  return calendarFor(opts).addWorkingDays(from, n);
}

/** Working days taken from `from` to `to`: working days d with from < d <= to (0 when to <= from). */
export function countWorkingDays(from: IsoDate, to: IsoDate, opts?: CalendarOptions): number {
  return calendarFor(opts).countWorkingDays(from, to);
}

/** The first working day strictly after `d`. */
export function nextWorkingDay(d: IsoDate, opts?: CalendarOptions): IsoDate {
  return calendarFor(opts).nextWorkingDay(d);
}

/** The first working day on or after `d` (d itself when it is a working day). */
export function workingDayOnOrAfter(d: IsoDate, opts?: CalendarOptions): IsoDate {
  return calendarFor(opts).workingDayOnOrAfter(d);
}

/** Keeps only valid dates from a list of closures (for data read from storage). */
export function validClosures(closures: readonly unknown[] | undefined): IsoDate[] {
  return (closures ?? []).filter((c): c is IsoDate => isIsoDate(c));
}
