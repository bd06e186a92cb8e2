import { z } from 'zod';
import { MONTH_NAMES, daysInMonth, formatLongDate, parseIsoDate } from '../calendar/date';

/**
 * A date that may be known only to the month or year ("March 2022", "2019"), as chronologies need:
 * 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. Sorted as the start of its period.
 */
export type PartialDate = string;

export function parsePartialDate(s: string): PartialDate | null {
  const t = s.trim();
  if (/^\d{4}$/.test(t)) return Number(t) >= 1900 && Number(t) <= 2199 ? t : null;
  const m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return y >= 1900 && y <= 2199 && mo >= 1 && mo <= 12 && daysInMonth(y, mo) > 0 ? t : null;
  }
  return parseIsoDate(t);
}

export const partialDateSchema = z.string().refine((s) => parsePartialDate(s) !== null, {
  message: 'must be a real date as YYYY-MM-DD, a month as YYYY-MM, or a year as YYYY',
});

/** Sort key: the first day of the period. */
export function partialDateKey(d: PartialDate): string {
  return d.length === 4 ? `${d}-00-00` : d.length === 7 ? `${d}-00` : d;
}

export function formatPartialDate(d: PartialDate): string {
  if (d.length === 4) return d;
  if (d.length === 7) return `${MONTH_NAMES[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
  return formatLongDate(d).replace(/^\w+ /, '');
}
