import { z } from 'zod';
import { parseIsoDate } from '../calendar/date';

/** A calendar date as YYYY-MM-DD that really exists (2023-02-30 is refused). */
export const isoDateSchema = z
  .string()
  .refine((s) => parseIsoDate(s) !== null, {
    message: 'must be a real date written as YYYY-MM-DD (for example 2024-03-07)',
  });

export const optionalIsoDate = isoDateSchema.nullable().default(null);

/** Free text the user types: trimmed, bounded so a pasted novel cannot break a screen. */
export const text = (max = 2000) => z.string().trim().max(max, { message: `must be at most ${max} characters` });
export const requiredText = (label: string, max = 200) =>
  z.string().trim().min(1, { message: `${label} is required` }).max(max, { message: `must be at most ${max} characters` });
