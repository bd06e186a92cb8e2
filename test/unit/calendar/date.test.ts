import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addCalendarDays,
  addCalendarMonths,
  compareIsoDates,
  dayOfWeek,
  daysInMonth,
  formatLongDate,
  formatShortDate,
  fromDayNumber,
  isIsoDate,
  MAX_DAY_NUMBER,
  MIN_DAY_NUMBER,
  parseIsoDate,
  toDayNumber,
  yearOfDayNumber,
} from '../../../shared/calendar/date';

describe('IsoDate parsing', () => {
  it('accepts real dates in 1900–2199', () => {
    for (const d of ['1900-01-01', '2024-02-29', '2000-02-29', '2023-12-31', '2199-12-31']) {
      expect(parseIsoDate(d)).toBe(d);
      expect(isIsoDate(d)).toBe(true);
    }
  });

  it('rejects malformed and non-existent dates', () => {
    for (const d of [
      '2023-02-30',
      '2023-02-29',
      '1900-02-29',
      '2100-02-29',
      '2023-04-31',
      '2023-13-01',
      '2023-00-10',
      '2023-01-00',
      '2023-1-05',
      '2023-01-5',
      '20230105',
      '2023/01/05',
      ' 2023-01-05',
      '2023-01-05T00:00',
      '1899-12-31',
      '2200-01-01',
      '',
      'abcd-ef-gh',
      '２０２３-01-05',
    ]) {
      expect(parseIsoDate(d), d).toBeNull();
      expect(isIsoDate(d), d).toBe(false);
    }
    expect(isIsoDate(undefined)).toBe(false);
    expect(isIsoDate(20230105)).toBe(false);
    expect(() => toDayNumber('2023-02-30')).toThrow(RangeError);
  });

  it('property: parseIsoDate accepts exactly the dates that exist', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1850, max: 2250 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const exists = y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
          expect(parseIsoDate(s)).toBe(exists ? s : null);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: parseIsoDate rejects arbitrary strings that are not YYYY-MM-DD', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) expect(parseIsoDate(s)).toBeNull();
      }),
    );
  });
});

describe('day numbers', () => {
  it('counts days since 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(toDayNumber('2000-03-01')).toBe(11017);
    expect(fromDayNumber(19395)).toBe('2023-02-07');
  });

  it('round-trips every day of the supported range', () => {
    let prev = '';
    for (let n = MIN_DAY_NUMBER; n <= MAX_DAY_NUMBER; n++) {
      const d = fromDayNumber(n);
      if (toDayNumber(d) !== n || !(d > prev) || yearOfDayNumber(n) !== Number(d.slice(0, 4))) {
        throw new Error(`round trip failed at ${n} (${d})`);
      }
      prev = d;
    }
    expect(fromDayNumber(MIN_DAY_NUMBER)).toBe('1900-01-01');
    expect(fromDayNumber(MAX_DAY_NUMBER)).toBe('2199-12-31');
    expect(() => fromDayNumber(MAX_DAY_NUMBER + 1)).toThrow(RangeError);
    expect(() => fromDayNumber(1.5)).toThrow(RangeError);
  });

  it('adds calendar days and months', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addCalendarDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addCalendarMonths('2024-03-15', 12)).toBe('2025-03-15');
    expect(addCalendarMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addCalendarMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addCalendarMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addCalendarMonths('2024-01-15', -1)).toBe('2023-12-15');
  });

  it('knows the day of the week (0 = Sunday)', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2023-01-03')).toBe(2);
    expect(dayOfWeek('2023-02-07')).toBe(2);
    expect(dayOfWeek('2024-05-03')).toBe(5);
    expect(dayOfWeek('1900-01-01')).toBe(1);
  });

  it('compares dates', () => {
    expect(compareIsoDates('2023-01-03', '2023-02-07')).toBe(-1);
    expect(compareIsoDates('2023-02-07', '2023-02-07')).toBe(0);
    expect(compareIsoDates('2024-01-01', '2023-12-31')).toBe(1);
  });

  it('formats dates in words', () => {
    expect(formatLongDate('2023-02-07')).toBe('Tuesday 7 February 2023');
    expect(formatShortDate('2023-02-07')).toBe('7 Feb 2023');
    expect(formatLongDate('2024-05-03')).toBe('Friday 3 May 2024');
    expect(formatShortDate('2024-12-25')).toBe('25 Dec 2024');
  });
});
