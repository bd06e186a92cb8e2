import { MONTH_NAMES, daysInMonth, formatLongDate, isoDateFromParts, type IsoDate } from './date';

/**
 * Dates as people in England write them: "24/08/2026", "24.8.26", "24 Aug 2026", "Monday 24th August 2026",
 * "2026-08-24". The day always comes before the month. Partial dates ("March 2026", "03/2026", "2026") are read
 * where a period is enough (chronologies, evidence). Stored dates stay YYYY-MM-DD; this is only the way in.
 */
export type DateReading = { date: string; problem?: undefined } | { date?: undefined; problem: string };

const MONTHS = new Map<string, number>();
MONTH_NAMES.forEach((name, i) => {
  const lower = name.toLowerCase();
  MONTHS.set(lower, i + 1);
  MONTHS.set(lower.slice(0, 3), i + 1);
});
MONTHS.set('sept', 9);

const EXAMPLE = 'for example 24/08/2026 or 24 August 2026';

function year(text: string): number {
  const n = Number(text);
  // Two-digit years are this century: "24/08/26" is 2026.
  return text.length === 2 ? 2000 + n : n;
}

function whole(y: number, m: number, d: number, original: string): DateReading {
  if (m < 1 || m > 12) return { problem: `${original} is not a real date: there is no month ${m}; write it ${EXAMPLE}.` };
  if (y < 1900 || y > 2199) return { problem: `${original} is outside the years Casewright counts (1900 to 2199); check the year.` };
  const iso = isoDateFromParts(y, m, d);
  if (!iso) return { problem: `${original} is not a real date: ${MONTH_NAMES[m - 1]} ${y} has ${daysInMonth(y, m)} days.` };
  return { date: iso };
}

function month(y: number, m: number, original: string): DateReading {
  if (m < 1 || m > 12) return { problem: `${original} is not a real month; write it like March 2026 or 03/2026.` };
  if (y < 1900 || y > 2199) return { problem: `${original} is outside the years Casewright counts (1900 to 2199); check the year.` };
  return { date: `${y}-${String(m).padStart(2, '0')}` };
}

/** Reads a whole date; `partial` also accepts a month or a year alone. Empty text is a problem: callers decide. */
export function readDate(input: string, opts: { partial?: boolean } = {}): DateReading {
  const original = input.trim();
  const t = original.toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
  if (!t) return { problem: `Enter a date, ${EXAMPLE}.` };
  let m: RegExpExecArray | null;
  // 2026-08-24 (and 2026-8-24)
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) return whole(Number(m[1]), Number(m[2]), Number(m[3]), original);
  // 24/08/2026, 24-08-2026, 24.08.2026, 24/8/26: the day first, always.
  if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(t))) return whole(year(m[3]!), Number(m[2]), Number(m[1]), original);
  // [Monday] 24[th] Aug[ust][.] 2026
  if ((m = /^(?:[a-z]+day )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.? (\d{4}|\d{2})$/.exec(t))) {
    const mo = MONTHS.get(m[2]!);
    if (mo) return whole(year(m[3]!), mo, Number(m[1]), original);
  }
  // August 24[th] 2026: unambiguous, so read too.
  if ((m = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)? (\d{4})$/.exec(t))) {
    const mo = MONTHS.get(m[1]!);
    if (mo) return whole(Number(m[3]), mo, Number(m[2]), original);
  }
  if (opts.partial) {
    if ((m = /^(\d{4})$/.exec(t))) {
      const y = Number(m[1]);
      return y >= 1900 && y <= 2199 ? { date: m[1]! } : { problem: `${original} is outside the years Casewright counts (1900 to 2199); check the year.` };
    }
    if ((m = /^(\d{4})-(\d{1,2})$/.exec(t))) return month(Number(m[1]), Number(m[2]), original);
    if ((m = /^(\d{1,2})[/.-](\d{4})$/.exec(t))) return month(Number(m[2]), Number(m[1]), original);
    if ((m = /^([a-z]+)\.? (\d{4})$/.exec(t))) {
      const mo = MONTHS.get(m[1]!);
      if (mo) return month(Number(m[2]), mo, original);
    }
    return { problem: `Casewright cannot read "${original}" as a date; write it ${EXAMPLE}, a month as March 2026, or a year as 2026.` };
  }
  return { problem: `Casewright cannot read "${original}" as a date; write it ${EXAMPLE}.` };
}

/** "24 August 2026": how a whole date is shown in a box the user can edit. */
export function showDate(d: IsoDate | null | undefined): string {
  return d ? formatLongDate(d).replace(/^\w+ /, '') : '';
}
