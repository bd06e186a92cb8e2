import { z } from 'zod';
import { isoDateSchema } from '../clock/profiles';

export { isoDateSchema };

export const optionalIsoDate = isoDateSchema.nullable().default(null);

/** Free text the user types: trimmed, bounded so a pasted novel cannot break a screen. */
export const text = (max = 2000) => z.string().trim().max(max, { message: `must be at most ${max.toLocaleString('en-GB')} characters` });
export const requiredText = (label: string, max = 200) =>
  z.string().trim().min(1, { message: `${label} is required` }).max(max, { message: `must be at most ${max} characters` });
