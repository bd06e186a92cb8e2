import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MONTH_NAMES, MONTH_SHORT_NAMES, fromDayNumber, toDayNumber } from '../../../shared/calendar/date';
import { readDate, showDate } from '../../../shared/calendar/readDate';

describe('dates as people in England write them', () => {
  it.each([
    ['24/08/2026', '2026-08-24'],
    ['24/8/2026', '2026-08-24'],
    ['24-08-2026', '2026-08-24'],
    ['24.08.2026', '2026-08-24'],
    ['24/08/26', '2026-08-24'],
    ['24 Aug 2026', '2026-08-24'],
    ['24 aug. 2026', '2026-08-24'],
    ['24 August 2026', '2026-08-24'],
    ['24th August 2026', '2026-08-24'],
    ['Monday 24 August 2026', '2026-08-24'],
    ['Monday, 24 August, 2026', '2026-08-24'],
    ['1 Sept 2026', '2026-09-01'],
    ['August 24 2026', '2026-08-24'],
    ['2026-08-24', '2026-08-24'],
    ['  03/04/2026 ', '2026-04-03'], // 3 April, never 4 March
  ])('%s is %s', (text, iso) => {
    expect(readDate(text)).toEqual({ date: iso });
  });

  it('says which dates do not exist, and which it cannot read, in one sentence', () => {
    expect(readDate('31/02/2026').problem).toBe('31/02/2026 is not a real date: February 2026 has 28 days.');
    expect(readDate('29/02/2028').date).toBe('2028-02-29');
    expect(readDate('12/13/2026').problem).toBe('12/13/2026 is not a real date: there is no month 13; write it for example 24/08/2026 or 24 August 2026.');
    expect(readDate('next Tuesday').problem).toBe('Casewright cannot read "next Tuesday" as a date; write it for example 24/08/2026 or 24 August 2026.');
    expect(readDate('24/08/1850').problem).toMatch(/outside the years Casewright counts/);
    expect(readDate('').problem).toMatch(/^Enter a date/);
  });

  it('reads months and years where a period is enough', () => {
    expect(readDate('March 2026', { partial: true })).toEqual({ date: '2026-03' });
    expect(readDate('Mar 2026', { partial: true })).toEqual({ date: '2026-03' });
    expect(readDate('03/2026', { partial: true })).toEqual({ date: '2026-03' });
    expect(readDate('2026-03', { partial: true })).toEqual({ date: '2026-03' });
    expect(readDate('2026', { partial: true })).toEqual({ date: '2026' });
    expect(readDate('24 March 2026', { partial: true })).toEqual({ date: '2026-03-24' });
    expect(readDate('March 2026').problem).toBeDefined(); // a whole date is needed here
    expect(readDate('13/2026', { partial: true }).problem).toMatch(/not a real month/);
  });

  it('reads back every way it shows or people write a real date (property)', () => {
    const day = fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2199-12-31') }).map(fromDayNumber);
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 4 }), (iso, style) => {
        const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
        const written = [
          showDate(iso),
          `${d}/${m}/${y}`,
          `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`,
          `${d} ${MONTH_SHORT_NAMES[m - 1]} ${y}`,
          `${d} ${MONTH_NAMES[m - 1]!.toUpperCase()} ${y}`,
        ][style]!;
        expect(readDate(written)).toEqual({ date: iso });
      }),
      { numRuns: 500 },
    );
  });
});
