import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addWorkingDays,
  countWorkingDays,
  isWorkingDay,
  makeCalendar,
  nextWorkingDay,
  workingDayOnOrAfter,
} from '../../../shared/calendar/workingDays';
import { fromDayNumber, toDayNumber } from '../../../shared/calendar/date';

describe('addWorkingDays', () => {
  it('matches the DOMAIN.md example: Tuesday 3 Jan 2023 + 25 = Tuesday 7 Feb 2023', () => {
    expect(addWorkingDays('2023-01-03', 25)).toBe('2023-02-07');
    expect(countWorkingDays('2023-01-03', '2023-02-07')).toBe(25);
  });

  it('never counts the start day, even when it is not a working day', () => {
    expect(addWorkingDays('2023-01-07', 1)).toBe('2023-01-09'); // Saturday -> Monday
    expect(addWorkingDays('2023-01-08', 1)).toBe('2023-01-09'); // Sunday -> Monday
    expect(addWorkingDays('2023-01-06', 1)).toBe('2023-01-09'); // Friday -> Monday
    expect(addWorkingDays('2023-01-07', 10)).toBe('2023-01-20');
    expect(addWorkingDays('2023-01-09', 5)).toBe('2023-01-16');
  });

  it('n = 0 returns the start date itself', () => {
    expect(addWorkingDays('2023-01-07', 0)).toBe('2023-01-07');
    expect(addWorkingDays('2023-01-03', 0)).toBe('2023-01-03');
  });

  it('rejects negative and fractional counts, and invalid dates', () => {
    expect(() => addWorkingDays('2023-01-03', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2023-01-03', 2.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2023-01-03', Number.NaN)).toThrow(RangeError);
    expect(() => addWorkingDays('2023-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2199-12-01', 30)).toThrow(RangeError); // past the supported range
    expect(() => addWorkingDays('2023-01-03', 1e9)).toThrow(RangeError);
  });

  it('skips Christmas, Boxing Day and New Year', () => {
    // Fri 22 Dec 2023: 25, 26 Dec and 1 Jan are holidays.
    expect(addWorkingDays('2023-12-22', 1)).toBe('2023-12-27');
    expect(addWorkingDays('2023-12-22', 4)).toBe('2024-01-02');
    expect(countWorkingDays('2023-12-22', '2024-01-02')).toBe(4);
    // 2020: Christmas Friday, Boxing Day substitute Monday 28th.
    expect(addWorkingDays('2020-12-24', 1)).toBe('2020-12-29');
  });

  it('skips Good Friday and Easter Monday', () => {
    // Thu 28 Mar 2024: Good Friday 29 Mar, Easter Monday 1 Apr.
    expect(addWorkingDays('2024-03-28', 1)).toBe('2024-04-02');
    expect(isWorkingDay('2024-03-29')).toBe(false);
    expect(isWorkingDay('2024-04-01')).toBe(false);
    expect(isWorkingDay('2024-04-02')).toBe(true);
  });

  it('skips one-off holidays (Coronation, State Funeral)', () => {
    expect(addWorkingDays('2023-05-05', 1)).toBe('2023-05-09');
    expect(addWorkingDays('2022-09-16', 1)).toBe('2022-09-20');
  });

  it('skips council closure days', () => {
    const closures = ['2023-12-27', '2023-12-28', '2023-12-29'];
    expect(addWorkingDays('2023-12-22', 1, { closures })).toBe('2024-01-02');
    expect(isWorkingDay('2023-12-28', { closures })).toBe(false);
    expect(isWorkingDay('2023-12-28')).toBe(true);
    expect(countWorkingDays('2023-12-22', '2024-01-02', { closures })).toBe(1);
    const cal = makeCalendar({ closures });
    expect(cal.addWorkingDays('2023-12-22', 2)).toBe('2024-01-03');
    expect(cal.closures).toEqual(closures);
    // a closure on a weekend or a bank holiday changes nothing
    expect(addWorkingDays('2023-12-22', 1, { closures: ['2023-12-23', '2023-12-25'] })).toBe('2023-12-27');
  });

  it('rejects invalid closure dates', () => {
    expect(() => makeCalendar({ closures: ['2023-12-32'] })).toThrow(RangeError);
  });

  it('works across many years and long spans', () => {
    // 3391 weekdays in 2016–2028, less the 107 bank holidays (2016-01-01 itself is one of them).
    expect(countWorkingDays('2016-01-01', '2028-12-31')).toBe(3391 - 107);
    const far = addWorkingDays('2016-01-01', 3284);
    expect(far).toBe('2028-12-29');
  });
});

describe('countWorkingDays', () => {
  it('counts working days d with from < d <= to', () => {
    expect(countWorkingDays('2023-01-09', '2023-01-09')).toBe(0);
    expect(countWorkingDays('2023-01-09', '2023-01-10')).toBe(1);
    expect(countWorkingDays('2023-01-06', '2023-01-08')).toBe(0); // Fri -> Sun
    expect(countWorkingDays('2023-01-06', '2023-01-09')).toBe(1);
    expect(countWorkingDays('2023-01-10', '2023-01-09')).toBe(0);
  });

  it('a response sent on its due date has taken exactly N', () => {
    for (const [d, n] of [
      ['2023-01-03', 25],
      ['2024-01-31', 65],
      ['2023-12-22', 10],
      ['2022-05-27', 20],
    ] as const) {
      expect(countWorkingDays(d, addWorkingDays(d, n))).toBe(n);
    }
  });
});

describe('nextWorkingDay and workingDayOnOrAfter', () => {
  it('finds the next working day', () => {
    expect(nextWorkingDay('2023-12-22')).toBe('2023-12-27');
    expect(nextWorkingDay('2023-12-27')).toBe('2023-12-28');
    expect(workingDayOnOrAfter('2023-12-27')).toBe('2023-12-27');
    expect(workingDayOnOrAfter('2023-12-25')).toBe('2023-12-27');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties

const START = toDayNumber('2000-01-01');
const END = toDayNumber('2150-12-31');
const arbDate = fc.integer({ min: START, max: END }).map(fromDayNumber);
const arbN = fc.integer({ min: 0, max: 300 });
const arbClosures = fc.array(fc.integer({ min: START, max: END }).map(fromDayNumber), { maxLength: 20 });
// Closures clustered near a start date, so they actually fall inside the span being counted.
const arbCase = fc
  .tuple(fc.integer({ min: START, max: END - 1000 }), arbN, fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 30 }))
  .map(([d, n, offs]) => ({ d: fromDayNumber(d), n, closures: offs.map((o) => fromDayNumber(d + o)) }));

/** Reference: step one calendar day at a time. */
function slowAdd(from: string, n: number, closures: readonly string[] = []): string {
  const closed = new Set(closures);
  let d = toDayNumber(from);
  let k = 0;
  while (k < n) {
    d++;
    const s = fromDayNumber(d);
    if (isWorkingDay(s) && !closed.has(s)) k++;
  }
  return fromDayNumber(d);
}

describe('working-day properties', () => {
  it('the due date is a working day (N >= 1)', () => {
    fc.assert(
      fc.property(arbCase, ({ d, n, closures }) => {
        const due = addWorkingDays(d, Math.max(1, n), { closures });
        expect(isWorkingDay(due, { closures })).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('count(D, add(D, N)) = N', () => {
    fc.assert(
      fc.property(arbCase, ({ d, n, closures }) => {
        expect(countWorkingDays(d, addWorkingDays(d, n, { closures }), { closures })).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with a day-by-day reference', () => {
    fc.assert(
      fc.property(arbCase, ({ d, n, closures }) => {
        expect(addWorkingDays(d, n, { closures })).toBe(slowAdd(d, n, closures));
      }),
      { numRuns: 300 },
    );
  });

  it('add is monotonic in D and in N', () => {
    fc.assert(
      fc.property(arbDate, arbDate, arbN, arbN, arbClosures, (d1, d2, n1, n2, closures) => {
        const [a, b] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const [m, n] = n1 <= n2 ? [n1, n2] : [n2, n1];
        const opts = { closures };
        expect(addWorkingDays(a, n, opts) <= addWorkingDays(b, n, opts)).toBe(true);
        expect(addWorkingDays(a, m, opts) <= addWorkingDays(a, n, opts)).toBe(true);
        if (n > m) expect(addWorkingDays(a, m, opts) < addWorkingDays(a, n, opts)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('adding closures never makes a due date earlier', () => {
    fc.assert(
      fc.property(arbCase, arbClosures, ({ d, n, closures }, more) => {
        const before = addWorkingDays(d, n, { closures });
        const after = addWorkingDays(d, n, { closures: [...closures, ...more] });
        expect(after >= before).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('count is additive: count(a, c) = count(a, b) + count(b, c) for a <= b <= c', () => {
    fc.assert(
      fc.property(arbDate, arbDate, arbDate, (x, y, z) => {
        const [a = x, b = y, c = z] = [x, y, z].sort();
        expect(countWorkingDays(a, c)).toBe(countWorkingDays(a, b) + countWorkingDays(b, c));
      }),
      { numRuns: 500 },
    );
  });
});
