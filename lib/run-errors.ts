export type RunServiceErrorCode =
  | 'VERSION_NOT_FOUND'
  | 'RUN_NOT_FOUND'
  | 'SOURCE_RUN_NOT_FINISHED'
  | 'SOURCE_RUN_HAS_NO_TRACE'
  | 'CHECKPOINT_OUT_OF_RANGE';

/**
 * A run request the service cannot carry out. Ids of another tenant are reported exactly like
 * unknown ids. The message is meant for the user and says what to do.
 */
export class RunServiceError extends Error {
  constructor(
    readonly code: RunServiceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RunServiceError';
  }
}

/** Tells a `RunServiceError` by its `code` field, so it works across module copies. */
export function isRunServiceError(error: unknown): error is RunServiceError {
  return error instanceof Error && error.name === 'RunServiceError' && 'code' in error;
}
