/**
 * England and Wales bank holidays.
 *
 * 2016–2028 come from the gov.uk table copied into DOMAIN.md ("Working days"), one-offs included. Other years
 * follow the standing rules (New Year's Day, Good Friday, Easter Monday, first and last Monday of May, last
 * Monday of August, Christmas Day and Boxing Day, with weekend substitutes) and are *provisional*: a one-off
 * holiday may still be announced, and the app says so.
 */
import {
  type IsoDate,
  dayNumberFromParts,
  dayOfWeekOfDayNumber,
  daysInMonth,
  fromDayNumber,
  isoDateFromParts,
  MAX_YEAR,
  MIN_YEAR,
  toDayNumber,
} from './date';

/** The years whose holidays come from the published table rather than the rules. */
export const KNOWN_YEARS = { first: 2016, last: 2028 } as const;

/** gov.uk England and Wales bank holidays, as in DOMAIN.md (month-day). */
const TABLE: Readonly<Record<number, readonly string[]>> = {
  2016: ['01-01', '03-25', '03-28', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2017: ['01-02', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2018: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2028: ['01-03', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
};

/** How the published table departs from the standing rules (DOMAIN.md lists these one-offs). */
export const ONE_OFFS: readonly {
  year: number;
  added: readonly IsoDate[];
  removed: readonly IsoDate[];
  note: string;
}[] = [
  { year: 2020, added: ['2020-05-08'], removed: ['2020-05-04'], note: 'VE Day replaced the early May bank holiday' },
  {
    year: 2022,
    added: ['2022-06-02', '2022-06-03'],
    removed: ['2022-05-30'],
    note: 'Spring bank holiday moved for the Platinum Jubilee',
  },
  { year: 2022, added: ['2022-09-19'], removed: [], note: 'State Funeral of Queen Elizabeth II' },
  { year: 2023, added: ['2023-05-08'], removed: [], note: 'Coronation of King Charles III' },
];

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Bank holidays are available for whole years ${MIN_YEAR}–${MAX_YEAR}, got ${year}`);
  }
}

/** True if the year's holidays come from the rules, so a one-off may still be announced. */
export function isProvisionalYear(year: number): boolean {
  return year < KNOWN_YEARS.first || year > KNOWN_YEARS.last;
}

/** True if the date's year is outside the published table (see isProvisionalYear). */
export function isProvisionalDate(d: IsoDate): boolean {
  toDayNumber(d);
  return isProvisionalYear(Number(d.slice(0, 4)));
}

/** Easter Sunday (Gregorian computus, the "anonymous" algorithm), as a day number. */
function easterSundayDayNumber(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumberFromParts(year, month, day);
}

/** Easter Sunday of a year. */
export function easterSunday(year: number): IsoDate {
  checkYear(year);
  return fromDayNumber(easterSundayDayNumber(year));
}

function firstMonday(year: number, month: number): number {
  const first = dayNumberFromParts(year, month, 1);
  return first + ((8 - dayOfWeekOfDayNumber(first)) % 7);
}

function lastMonday(year: number, month: number): number {
  const last = dayNumberFromParts(year, month, daysInMonth(year, month));
  return last - ((dayOfWeekOfDayNumber(last) + 6) % 7);
}

/** The standing rules as day numbers, sorted. Works for any year (no range check). */
function ruleDayNumbers(year: number): number[] {
  const out: number[] = [];
  // New Year's Day, moved to the Monday when it falls at a weekend.
  const ny = dayNumberFromParts(year, 1, 1);
  const nyDow = dayOfWeekOfDayNumber(ny);
  out.push(nyDow === 6 ? ny + 2 : nyDow === 0 ? ny + 1 : ny);
  const easter = easterSundayDayNumber(year);
  out.push(easter - 2, easter + 1); // Good Friday, Easter Monday
  out.push(firstMonday(year, 5), lastMonday(year, 5), lastMonday(year, 8));
  // Christmas Day and Boxing Day; a weekend holiday moves to the next weekday not already a holiday.
  const xmas = dayNumberFromParts(year, 12, 25);
  switch (dayOfWeekOfDayNumber(xmas)) {
    case 5: // Friday: Boxing Day (Saturday) moves to Monday 28th
      out.push(xmas, xmas + 3);
      break;
    case 6: // Saturday: Monday 27th and Tuesday 28th
      out.push(xmas + 2, xmas + 3);
      break;
    case 0: // Sunday: Boxing Day Monday 26th, Christmas substitute Tuesday 27th
      out.push(xmas + 1, xmas + 2);
      break;
    default:
      out.push(xmas, xmas + 1);
  }
  return out.sort((x, y) => x - y);
}

/** The holidays the standing rules give for a year (no one-offs), sorted. */
export function ruleBasedBankHolidays(year: number): IsoDate[] {
  checkYear(year);
  return ruleDayNumbers(year).map(fromDayNumber);
}

// Memo: year -> sorted day numbers of that year's bank holidays.
const memo = new Map<number, Int32Array>();

/**
 * Sorted day numbers of a year's bank holidays (table or rules). Works for any year, including just
 * outside 1900–2199, so working-day arithmetic can look a little past the ends. Do not mutate the result.
 */
export function bankHolidayDayNumbers(year: number): Int32Array {
  let v = memo.get(year);
  if (v === undefined) {
    const table = TABLE[year];
    const days = table
      ? table.map((md) => dayNumberFromParts(year, Number(md.slice(0, 2)), Number(md.slice(3, 5))))
      : ruleDayNumbers(year);
    v = Int32Array.from(days).sort();
    memo.set(year, v);
  }
  return v;
}

/**
 * A year's England and Wales bank holidays, sorted. `provisional` is true outside 2016–2028, where the
 * dates come from the standing rules and a one-off may still be announced.
 */
export function bankHolidays(year: number): { dates: IsoDate[]; provisional: boolean } {
  checkYear(year);
  const table = TABLE[year];
  const dates = table
    ? table.map((md) => isoDateFromParts(year, Number(md.slice(0, 2)), Number(md.slice(3, 5))) as IsoDate)
    : ruleBasedBankHolidays(year);
  return { dates, provisional: isProvisionalYear(year) };
}

/** True if the date is an England and Wales bank holiday (including Christmas Day and Good Friday). */
export function isBankHoliday(d: IsoDate): boolean {
  const n = toDayNumber(d);
  const list = bankHolidayDayNumbers(Number(d.slice(0, 4)));
  for (let i = 0; i < list.length; i++) if (list[i] === n) return true;
  return false;
}
