import { describe, it, expect } from 'vitest';
import {
  bankHolidays,
  easterSunday,
  isBankHoliday,
  isProvisionalDate,
  KNOWN_YEARS,
  ruleBasedBankHolidays,
} from '../../../shared/calendar/bankHolidays';
import { isWorkingDay } from '../../../shared/calendar/workingDays';
import { addCalendarDays, dayOfWeek } from '../../../shared/calendar/date';

// An independent copy of the DOMAIN.md table (gov.uk England and Wales data), kept here on purpose: the test
// must not read the table it is checking.
const DOMAIN_TABLE = `
2016: 01-01 03-25 03-28 05-02 05-30 08-29 12-26 12-27
2017: 01-02 04-14 04-17 05-01 05-29 08-28 12-25 12-26
2018: 01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26
2019: 01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26
2020: 01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28
2021: 01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28
2022: 01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27
2023: 01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26
2024: 01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26
2025: 01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26
2026: 01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28
2027: 01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28
2028: 01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26
`;

const table = new Map<number, string[]>();
for (const line of DOMAIN_TABLE.trim().split('\n')) {
  const [year, rest] = line.split(':');
  table.set(Number(year), (rest ?? '').trim().split(/\s+/).map((md) => `${year}-${md}`));
}
const allTableDates = new Set([...table.values()].flat());

// The one-offs DOMAIN.md lists, and the rule date each replaced (if any).
const ONE_OFFS: Record<number, { added: string[]; removed: string[] }> = {
  2020: { added: ['2020-05-08'], removed: ['2020-05-04'] }, // VE Day instead of early May Monday
  2022: { added: ['2022-06-02', '2022-06-03', '2022-09-19'], removed: ['2022-05-30'] }, // Jubilee, State Funeral
  2023: { added: ['2023-05-08'], removed: [] }, // Coronation
};

describe('bank holiday table', () => {
  it('has 13 years in the test copy', () => {
    expect(table.size).toBe(13);
    expect(KNOWN_YEARS).toEqual({ first: 2016, last: 2028 });
  });

  it('bankHolidays(year) returns exactly the DOMAIN.md dates for 2016–2028, not provisional', () => {
    for (const [year, dates] of table) {
      expect(bankHolidays(year)).toEqual({ dates, provisional: false });
    }
  });

  it('every day 2016-01-01..2028-12-31 is a working day iff it is a weekday not in the table', () => {
    let d = '2016-01-01';
    let days = 0;
    let working = 0;
    while (d <= '2028-12-31') {
      const dow = dayOfWeek(d);
      const expected = dow !== 0 && dow !== 6 && !allTableDates.has(d);
      if (isWorkingDay(d) !== expected) throw new Error(`isWorkingDay(${d}) should be ${expected}`);
      if (isBankHoliday(d) !== allTableDates.has(d)) throw new Error(`isBankHoliday(${d}) is wrong`);
      if (expected) working++;
      days++;
      d = addCalendarDays(d, 1);
    }
    expect(days).toBe(4749);
    expect(allTableDates.size).toBe(107);
    expect(working).toBe(3391 - 107); // 3391 weekdays in the 13 years, less the 107 holidays (all weekdays)
  });

  it('the rules reproduce every year of the table apart from the listed one-offs', () => {
    for (const [year, dates] of table) {
      const oneOff = ONE_OFFS[year] ?? { added: [], removed: [] };
      const expected = dates.filter((d) => !oneOff.added.includes(d)).concat(oneOff.removed).sort();
      expect(ruleBasedBankHolidays(year), String(year)).toEqual(expected);
    }
  });

  it('marks years outside the table provisional and uses the rules there', () => {
    expect(bankHolidays(2029)).toEqual({
      dates: ['2029-01-01', '2029-03-30', '2029-04-02', '2029-05-07', '2029-05-28', '2029-08-27', '2029-12-25', '2029-12-26'],
      provisional: true,
    });
    expect(bankHolidays(2015).provisional).toBe(true);
    expect(isProvisionalDate('2029-01-01')).toBe(true);
    expect(isProvisionalDate('2028-12-31')).toBe(false);
    expect(isProvisionalDate('2016-01-01')).toBe(false);
    expect(isProvisionalDate('2015-12-31')).toBe(true);
  });

  it('applies weekend substitutes for New Year, Christmas and Boxing Day', () => {
    // 2033: 1 Jan is a Saturday; 25 Dec a Sunday.
    const y2033 = ruleBasedBankHolidays(2033);
    expect(y2033).toContain('2033-01-03');
    expect(y2033).toContain('2033-12-26');
    expect(y2033).toContain('2033-12-27');
    // 2032: 25 Dec is a Saturday -> Monday 27 and Tuesday 28.
    expect(ruleBasedBankHolidays(2032).slice(-2)).toEqual(['2032-12-27', '2032-12-28']);
    // 2037: 25 Dec is a Friday -> Boxing Day substitute Monday 28.
    expect(ruleBasedBankHolidays(2037).slice(-2)).toEqual(['2037-12-25', '2037-12-28']);
  });

  it('computes Easter Sunday', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2038)).toBe('2038-04-25'); // latest possible
    expect(easterSunday(1985)).toBe('1985-04-07');
    expect(easterSunday(2008)).toBe('2008-03-23');
  });

  it('rejects years outside 1900–2199 and fractional years', () => {
    expect(() => bankHolidays(1899)).toThrow(RangeError);
    expect(() => bankHolidays(2200)).toThrow(RangeError);
    expect(() => bankHolidays(2024.5)).toThrow(RangeError);
  });

  it('every generated year 1900–2199 has 8 distinct weekday holidays in order', () => {
    for (let y = 1900; y <= 2199; y++) {
      const { dates } = bankHolidays(y);
      expect(new Set(dates).size).toBe(dates.length);
      expect([...dates].sort()).toEqual(dates);
      if (y < KNOWN_YEARS.first || y > KNOWN_YEARS.last) {
        expect(dates).toHaveLength(8);
        for (const d of dates) expect([0, 6]).not.toContain(dayOfWeek(d));
      }
    }
  });
});
