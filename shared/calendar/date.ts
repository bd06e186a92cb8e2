/**
 * Calendar dates as 'YYYY-MM-DD' strings.
 *
 * A date in Casewright is a calendar date in Europe/London, never a timestamp (DOMAIN.md, "Working days").
 * Nothing here touches `Date` or time zones: dates are converted to a *day number* (days since 1970-01-01)
 * with integer arithmetic (the proleptic Gregorian calendar), and back.
 *
 * Only years 1900–2199 are accepted; that keeps every date four-digit, inside the range the bank-holiday
 * rules are meant for, and lets a few lookups use small fixed tables.
 */

/** A calendar date written 'YYYY-MM-DD' (e.g. '2023-02-07'). */
export type IsoDate = string;

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;
export const MIN_ISO_DATE: IsoDate = '1900-01-01';
export const MAX_ISO_DATE: IsoDate = '2199-12-31';

const DAYS_BEFORE_MONTH_MARCH_BASED = [0, 31, 61, 92, 122, 153, 184, 214, 245, 275, 306, 337];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in month `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

/** Day number (days since 1970-01-01) of a valid year/month/day. Arithmetic only (H. Hinnant's algorithm). */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = (DAYS_BEFORE_MONTH_MARCH_BASED[mp] ?? 0) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export const MIN_DAY_NUMBER = dayNumberFromParts(MIN_YEAR, 1, 1);
export const MAX_DAY_NUMBER = dayNumberFromParts(MAX_YEAR, 12, 31);

// Day number of 1 January for every supported year, plus one past the end (for year lookups).
const YEAR_START = new Int32Array(MAX_YEAR - MIN_YEAR + 2);
for (let i = 0; i < YEAR_START.length; i++) YEAR_START[i] = dayNumberFromParts(MIN_YEAR + i, 1, 1);

/** The year a day number falls in (table lookup within 1900–2199, arithmetic outside it). */
export function yearOfDayNumber(n: number): number {
  if (n < MIN_DAY_NUMBER || n > MAX_DAY_NUMBER) return partsFromDayNumber(n)[0];
  const last = YEAR_START.length - 2;
  let i = Math.min(last, Math.max(0, Math.floor((n - MIN_DAY_NUMBER) / 365.2425)));
  while (i > 0 && (YEAR_START[i] as number) > n) i--;
  while (i < last && (YEAR_START[i + 1] as number) <= n) i++;
  return MIN_YEAR + i;
}

/** Day number of 1 January of a supported year. */
export function yearStartDayNumber(year: number): number {
  const v = YEAR_START[year - MIN_YEAR];
  return v === undefined ? dayNumberFromParts(year, 1, 1) : v;
}

/** Splits a day number into [year, month, day]. */
export function partsFromDayNumber(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return [year, month, day];
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1000000;
}

/**
 * Parses 'YYYY-MM-DD' into a day number, or returns null when the text is malformed, the date does not exist
 * (2023-02-30) or the year is outside 1900–2199. Fast path used everywhere.
 */
function parseToDayNumber(s: unknown): number | null {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const month = digit(s, 5) * 10 + digit(s, 6);
  const day = digit(s, 8) * 10 + digit(s, 9);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return dayNumberFromParts(year, month, day);
}

/** Returns the date unchanged if it is a real 'YYYY-MM-DD' date in 1900–2199, otherwise null. */
export function parseIsoDate(s: string): IsoDate | null {
  return parseToDayNumber(s) === null ? null : s;
}

/** True if `s` is a real 'YYYY-MM-DD' date in 1900–2199. */
export function isIsoDate(s: unknown): s is IsoDate {
  return parseToDayNumber(s) !== null;
}

/** Days since 1970-01-01, or null when `s` is not a valid IsoDate. */
export function tryDayNumber(s: unknown): number | null {
  return parseToDayNumber(s);
}

/** Days since 1970-01-01. Throws RangeError for anything that is not a valid IsoDate. */
export function toDayNumber(d: IsoDate): number {
  const n = parseToDayNumber(d);
  if (n === null) throw new RangeError(`Not a valid date (YYYY-MM-DD, 1900–2199): ${JSON.stringify(d)}`);
  return n;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

// Memo of formatted dates, in chunks of 1024 days allocated on first use ('' = not yet formatted).
const formatted: (IsoDate[] | undefined)[] = new Array<IsoDate[] | undefined>(
  ((MAX_DAY_NUMBER - MIN_DAY_NUMBER) >> 10) + 1,
).fill(undefined);

/** The IsoDate of a day number. Throws RangeError for a non-integer or a date outside 1900–2199. */
export function fromDayNumber(n: number): IsoDate {
  if (!Number.isInteger(n) || n < MIN_DAY_NUMBER || n > MAX_DAY_NUMBER) {
    throw new RangeError(`Day number ${n} is not a whole number within 1900–2199`);
  }
  const offset = n - MIN_DAY_NUMBER;
  const chunkIndex = offset >> 10;
  let chunk = formatted[chunkIndex];
  if (chunk === undefined) {
    chunk = new Array<IsoDate>(1024).fill('');
    formatted[chunkIndex] = chunk;
  }
  let s = chunk[offset & 1023] as IsoDate;
  if (s === '') {
    const [y, m, d] = partsFromDayNumber(n);
    s = `${y}-${pad2(m)}-${pad2(d)}`;
    chunk[offset & 1023] = s;
  }
  return s;
}

/** Builds an IsoDate from parts, or null if the parts do not make a real date in 1900–2199. */
export function isoDateFromParts(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** The date `n` calendar days after `d` (before it if `n` is negative). */
export function addCalendarDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Number of days must be a whole number, got ${n}`);
  return fromDayNumber(toDayNumber(d) + n);
}

/**
 * The same day of the month `n` calendar months after `d`, or the last day of that month when it is shorter
 * (2024-02-29 + 12 months = 2025-02-28; 2023-01-31 + 1 month = 2023-02-28).
 */
export function addCalendarMonths(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Number of months must be a whole number, got ${n}`);
  const [y, m, day] = partsFromDayNumber(toDayNumber(d));
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const result = isoDateFromParts(ny, nm, Math.min(day, daysInMonth(ny, nm)));
  if (result === null) throw new RangeError(`${d} plus ${n} months is outside 1900–2199`);
  return result;
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeekOfDayNumber(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** Day of the week: 0 = Sunday, 1 = Monday … 6 = Saturday. */
export function dayOfWeek(d: IsoDate): number {
  return dayOfWeekOfDayNumber(toDayNumber(d));
}

/** The year of a date. */
export function yearOf(d: IsoDate): number {
  toDayNumber(d);
  return Number(d.slice(0, 4));
}

/** -1, 0 or 1 as `a` is before, the same as, or after `b`. Throws RangeError on an invalid date. */
export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const x = toDayNumber(a);
  const y = toDayNumber(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Calendar days from `a` to `b` (positive when `b` is later). */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
export const MONTH_SHORT_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "Tuesday 7 February 2023" (the style used in letters and reports). */
export function formatLongDate(d: IsoDate): string {
  const n = toDayNumber(d);
  const [y, m, day] = partsFromDayNumber(n);
  return `${WEEKDAY_NAMES[dayOfWeekOfDayNumber(n)] ?? ''} ${day} ${MONTH_NAMES[m - 1] ?? ''} ${y}`;
}

/** "7 Feb 2023" (tables and lists). */
export function formatShortDate(d: IsoDate): string {
  const [y, m, day] = partsFromDayNumber(toDayNumber(d));
  return `${day} ${MONTH_SHORT_NAMES[m - 1] ?? ''} ${y}`;
}
