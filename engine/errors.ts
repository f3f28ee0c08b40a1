/**
 * Errors the engine raises while running a graph. Each class carries a stable `code`, so callers
 * tell them apart by the field instead of `instanceof`, which does not survive a realm boundary.
 */

import type { RunLimits } from './types';

export type EngineErrorCode =
  'BLOCK_FAILED' | 'RUN_LIMIT_EXCEEDED' | 'HTTP_REQUEST_REJECTED' | 'HTTP_REQUEST_FAILED';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'EngineError';
  }
}

/** A block failed; the run ends with `error.kind` `block`. The message names the block. */
export class BlockError extends EngineError {
  constructor(
    readonly blockId: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super('BLOCK_FAILED', message, options);
    this.name = 'BlockError';
  }
}

/** The run crossed one of its limits; the run ends with `error.kind` `limit`. */
export class RunLimitError extends EngineError {
  constructor(
    readonly limit: keyof RunLimits,
    readonly value: number,
  ) {
    super('RUN_LIMIT_EXCEEDED', `Run exceeded ${limit} (${value})`);
    this.name = 'RunLimitError';
  }
}

/** An HTTP request the policy does not allow: not on the allow list, or a restricted address. */
export class HttpRequestRejectedError extends EngineError {
  constructor(message: string) {
    super('HTTP_REQUEST_REJECTED', message);
    this.name = 'HttpRequestRejectedError';
  }
}

/** An HTTP request that was sent but failed: a network error or a timeout. Worth retrying. */
export class HttpRequestFailedError extends EngineError {
  constructor(message: string, options?: ErrorOptions) {
    super('HTTP_REQUEST_FAILED', message, options);
    this.name = 'HttpRequestFailedError';
  }
}

export function isBlockError(error: unknown): error is BlockError {
  return hasCode(error, 'BLOCK_FAILED');
}

export function isRunLimitError(error: unknown): error is RunLimitError {
  return hasCode(error, 'RUN_LIMIT_EXCEEDED');
}

export function isHttpRequestRejectedError(error: unknown): error is HttpRequestRejectedError {
  return hasCode(error, 'HTTP_REQUEST_REJECTED');
}

export function isHttpRequestFailedError(error: unknown): error is HttpRequestFailedError {
  return hasCode(error, 'HTTP_REQUEST_FAILED');
}

function hasCode(error: unknown, code: EngineErrorCode): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** Returns the message of anything thrown, for wrapping foreign errors into block errors. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
