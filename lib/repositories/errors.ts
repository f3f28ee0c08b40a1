/**
 * Errors of the repositories, which callers distinguish by `code`. A record of another tenant is never an
 * error: reads return null and writes return null or false, exactly as for an unknown id.
 */

export type ConflictCode = 'TENANT_SLUG_TAKEN' | 'TABLE_NAME_TAKEN';

/** A create that would duplicate a unique name. `value` is the name. */
export class ConflictError extends Error {
  constructor(
    readonly code: ConflictCode,
    message: string,
    readonly value: string,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** An argument that fails validation before any query runs. `field` names the argument. */
export class InvalidInputError extends Error {
  readonly code = 'INVALID_INPUT';

  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

/** Checks whether a database error, or one of its causes, is a unique violation (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23505') return true;
  }

  return false;
}
