/**
 * An error meant for the person using the app: `message` is one plain sentence saying what is wrong and
 * what to do. Anything else that escapes a service is a bug and is reported as INTERNAL.
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'LOCKED'
  | 'NO_STORE'
  | 'WRONG_PASSPHRASE'
  | 'WEAK_PASSPHRASE'
  | 'NOT_A_STORE'
  | 'NEWER_VERSION'
  | 'READ_ONLY'
  | 'BUSY'
  | 'DISK_FULL'
  /** The disk failed a read or write (SQLITE_IOERR, EIO): unplugged, failing, or a network folder that went away. */
  | 'DISK_ERROR'
  /** Part of the store cannot be read any more (a spoilt page: SQLITE_CORRUPT): restore a backup. */
  | 'DAMAGED'
  | 'EXISTS'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNSUPPORTED'
  /** The complainant's version of a document names a third party; `details.hits` lists each place. */
  | 'LEAK'
  /** The review exchange (docs/exchange.md): a package's refusals. UNKNOWN_/UNVERIFIED_SENDER carry the sender's details. */
  | 'ALTERED'
  | 'NOT_FOR_YOU'
  | 'NEEDS_PASSPHRASE'
  | 'UNKNOWN_SENDER'
  | 'UNVERIFIED_SENDER'
  | 'UNVERIFIED'
  /** A contact's card this store no longer trusts (lost laptop, new keys): nothing is sent to it or opened from it. */
  | 'REVOKED'
  | 'REVOKED_SENDER'
  | 'ALREADY_OPENED'
  | 'INTERNAL';

export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Structured detail for the screen that shows the refusal (e.g. the leak check's hits). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const isUserError = (e: unknown): e is UserError => e instanceof UserError;
