import type { ApiInput, ApiName, ApiOutput, AppEvent, CasewrightApi, Envelope } from '../../shared/api/contract';

declare global {
  interface Window {
    casewright: CasewrightApi;
  }
}

/** A refused call: `message` is the sentence to show the user. */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Structured detail some refusals carry (LEAK: `{ hits }`). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Why the store was locked: the main process says (idle, Lock); a call that found it locked cannot. */
export type LockReason = AppEvent['reason'] | 'unknown';

let onLocked: () => void = () => {};
/** The app shell registers what to do when any call finds the store locked (idle lock, another window). */
export function setLockedHandler(fn: () => void): void {
  onLocked = fn;
}

export async function call<N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
  const method = window.casewright[name] as unknown as (i: ApiInput<N>) => Promise<Envelope<ApiOutput<N>>>;
  return unwrap(method(input));
}

/** A call's answer as `call` gives it: the data, or an ApiFailure with the sentence to show. */
export async function unwrap<T>(answer: Promise<Envelope<T>>): Promise<T> {
  const r = await answer;
  if (r.ok) return r.data;
  if (r.error.code === 'LOCKED') onLocked();
  throw new ApiFailure(r.error.code, r.error.message, r.error.details);
}

export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
