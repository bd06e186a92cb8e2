import { parseIsoDate } from '../../../shared/calendar/date';

/** For optional date boxes: empty, or a real date as YYYY-MM-DD. Returns the sentence to show, or null. */
export const dateOrEmpty = (v: string): string | null =>
  v.trim() === '' || parseIsoDate(v.trim()) ? null : 'Enter a real date as YYYY-MM-DD, or leave it empty.';
