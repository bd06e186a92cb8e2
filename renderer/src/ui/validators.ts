import { readDate } from '../../../shared/calendar/readDate';

/** For optional date boxes: empty, or a date as people write it. Returns the sentence to show, or null. */
export const dateOrEmpty = (v: string, opts: { partial?: boolean } = {}): string | null => (v.trim() === '' ? null : (readDate(v, opts).problem ?? null));

/** The stored form (YYYY-MM-DD, or YYYY-MM / YYYY where partial) of what was typed, or null when empty. */
export const dateValue = (v: string, opts: { partial?: boolean } = {}): string | null => (v.trim() === '' ? null : (readDate(v, opts).date ?? null));
