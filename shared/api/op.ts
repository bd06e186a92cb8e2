import { z } from 'zod';

/**
 * One API call's shape: the input schema (checked at runtime by main/api) and the output type (checked by the
 * compiler). Each feature declares its calls in shared/api/features/<feature>.ts with `op`, and
 * shared/api/contract.ts composes them into the one contract.
 */
export interface Op<I extends z.ZodType, O> {
  input: I;
  /** Phantom: only its type is used. */
  output?: O;
}
export const op = <O>() => <I extends z.ZodType>(input: I): Op<I, O> => ({ input });

export const none = z.object({}).strict();
export const id = z.object({ id: z.string().min(1) }).strict();
export const passphrase = z.string().min(1, { message: 'Enter the passphrase' }).max(1024);
