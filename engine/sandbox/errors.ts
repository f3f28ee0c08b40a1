import type { SandboxErrorShape } from './types';

export type SandboxErrorCode = SandboxErrorShape['code'];

/**
 * A failure inside the sandbox, with a stable `code`, the block and the config field involved.
 * The message is meant for the person who wrote the block: it names the block, the value or the
 * limit, and what to do.
 */
export class SandboxError extends Error implements SandboxErrorShape {
  override readonly name = 'SandboxError' as const;
  readonly code: SandboxErrorCode;
  readonly blockId: string;
  readonly field: string;
  /** Console lines the code wrote before it failed. */
  logs?: string[];

  constructor(code: SandboxErrorCode, message: string, where: { blockId: string; field: string }) {
    super(message);
    this.code = code;
    this.blockId = where.blockId;
    this.field = where.field;
  }
}

const SANDBOX_ERROR_CODES: ReadonlySet<string> = new Set<SandboxErrorCode>([
  'SANDBOX_TIMEOUT',
  'SANDBOX_MEMORY_LIMIT',
  'SANDBOX_SCRIPT_ERROR',
  'SANDBOX_VALUE',
]);

/**
 * Checks the fields of a sandbox error rather than its class, so that errors copied across a
 * realm or process boundary still match.
 */
export function isSandboxError(value: unknown): value is SandboxErrorShape {
  if (typeof value !== 'object' || value === null) return false;

  const candidate = value as Partial<Record<keyof SandboxErrorShape, unknown>>;
  return (
    candidate.name === 'SandboxError' &&
    typeof candidate.code === 'string' &&
    SANDBOX_ERROR_CODES.has(candidate.code) &&
    typeof candidate.blockId === 'string' &&
    typeof candidate.field === 'string' &&
    typeof candidate.message === 'string'
  );
}

/** The origin of a sandbox call, for messages: the block, the field and what ran. */
export interface CallSite {
  blockId: string;
  field: string;
  /** `code` for a `js` block, `expression in condition` for an expression. */
  subject: string;
}

const FROZEN_VALUE_PATTERN = /object is not extensible|read only property|Cannot delete property/;

const FROZEN_VALUE_HINT =
  '; vars, input, item and the built-ins are frozen in the sandbox, so copy a value before changing it, e.g. { ...vars.order } or [...vars.items]';

function blockPrefix(blockId: string): string {
  return blockId === '' ? '' : `Block "${blockId}": `;
}

export function timeoutError(site: CallSite, timeoutMs: number): SandboxError {
  const message = `${blockPrefix(site.blockId)}${site.subject} timed out after ${timeoutMs} ms; look for an endless loop or raise the time limit`;
  return new SandboxError('SANDBOX_TIMEOUT', message, site);
}

export function memoryLimitError(site: CallSite, memoryLimitMb: number): SandboxError {
  const message = `${blockPrefix(site.blockId)}${site.subject} exceeded the sandbox memory limit of ${memoryLimitMb} MB; work on less data at a time`;
  return new SandboxError('SANDBOX_MEMORY_LIMIT', message, site);
}

export function syntaxError(site: CallSite, problem: string): SandboxError {
  const message = `${blockPrefix(site.blockId)}${site.subject} has a syntax error: ${problem}`;
  return new SandboxError('SANDBOX_SCRIPT_ERROR', message, site);
}

/** Builds the error for what the code threw, with its position in the source when known. */
export function thrownError(site: CallSite, thrown: string, position: string): SandboxError {
  const hint = FROZEN_VALUE_PATTERN.test(thrown) ? FROZEN_VALUE_HINT : '';
  const message = `${blockPrefix(site.blockId)}${site.subject} threw ${thrown}${position}${hint}`;
  return new SandboxError('SANDBOX_SCRIPT_ERROR', message, site);
}

/** Builds the error for a failure isolated-vm raised past the guest's own error handling. */
export function callFailedError(site: CallSite, reason: string): SandboxError {
  const message = `${blockPrefix(site.blockId)}${site.subject} failed in the sandbox: ${reason}`;
  return new SandboxError('SANDBOX_SCRIPT_ERROR', message, site);
}

/** Builds the error for a value that breaks the boundary rules (`problem` is `value at ...`). */
export function valueError(site: CallSite, problem: string): SandboxError {
  const text = site.blockId === '' ? capitalize(problem) : problem;
  return new SandboxError('SANDBOX_VALUE', `${blockPrefix(site.blockId)}${text}`, site);
}

export function scriptSetupError(site: CallSite, problem: string): SandboxError {
  return new SandboxError('SANDBOX_SCRIPT_ERROR', `${blockPrefix(site.blockId)}${problem}`, site);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
