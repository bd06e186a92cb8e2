/** A document cannot be made from the case as it is; `message` says what to record first. */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}
