import type ivm from 'isolated-vm';

import { thrownError, valueError, type CallSite } from './errors';
import type { GuestFunction } from './isolate';
import { formatPosition } from './source';

/** The parsed JSON text that the guest's `initialize`, `assign` and `call` return. */
export type GuestEnvelope =
  { value: unknown; logs?: string[]; error?: undefined } | { error: GuestFailure; logs?: string[] };

export interface GuestFailure {
  /** `value`: a boundary rule was broken. `script`: the code threw. */
  kind: 'value' | 'script';
  text: string;
  line?: number;
  column?: number;
}

/** Parses a guest function's JSON text, and throws the SandboxError it reports, if any. */
export function openEnvelope(text: string, site: CallSite): { value: unknown; logs?: string[] } {
  const envelope = JSON.parse(text) as GuestEnvelope;
  if (envelope.error === undefined) return envelope;

  const failure = envelope.error;
  const error =
    failure.kind === 'value'
      ? valueError(site, failure.text)
      : thrownError(site, failure.text, formatPosition(failure));
  if (envelope.logs !== undefined) error.logs = envelope.logs;
  throw error;
}

/** The reason isolated-vm stopped a call before the guest function returned. */
export type InterruptionKind = 'timeout' | 'memory' | 'copy';

export class GuestInterruption extends Error {
  constructor(
    readonly kind: InterruptionKind,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

const TIMEOUT_MESSAGE = 'Script execution timed out.';

/** Classifies an isolated-vm failure from the isolate's state and its fixed messages. */
export function classifyInterruption(
  error: unknown,
  isolate: ivm.Isolate,
): InterruptionKind | null {
  if (isolate.isDisposed) return 'memory';

  const message = error instanceof Error ? error.message : '';
  if (message === TIMEOUT_MESSAGE) return 'timeout';
  if (error instanceof TypeError && message.endsWith('could not be cloned.')) return 'copy';
  return null;
}

/** A call of a guest function with plain-data arguments. */
export interface GuestCall {
  fn: ivm.Reference<GuestFunction>;
  args: unknown[];
  /** True to copy object arguments in by structured clone; primitives cross without it. */
  copy: boolean;
}

export interface CallPlan {
  timeoutMs: number;
  /**
   * Maximum time a synchronous call may block the server's event loop. A call that runs past it
   * is stopped and run again asynchronously with the time that is left.
   */
  syncBudgetMs: number;
  prefersAsync: boolean;
}

export interface CallOutcome {
  text: string;
  jsTimeMs: number;
  /** True when the call ran past the synchronous budget and finished asynchronously. */
  wentAsync: boolean;
}

/**
 * Calls a guest function, synchronously while it is short. In a microbenchmark of an empty
 * function (isolated-vm 6.2.0, Node 24.22, 2-CPU Linux VM) `applySync` took about 2 µs and `apply`
 * about 60 µs. A synchronous call blocks the event loop, though, so it gets at most `syncBudgetMs`.
 * Running the call again is safe because guest code has no effect outside the isolate, and the
 * run's state changes only when a call returns. A call that finished synchronously returns a
 * plain outcome, so the hot path allocates no promise here.
 */
export function callWithBudget(
  isolate: ivm.Isolate,
  call: GuestCall,
  plan: CallPlan,
): CallOutcome | Promise<CallOutcome> {
  const started = performance.now();
  const timeoutMs = Math.max(1, Math.ceil(plan.timeoutMs));
  const syncTimeoutMs = Math.min(timeoutMs, plan.syncBudgetMs);
  const budgetCoversCall = syncTimeoutMs >= timeoutMs;
  if (plan.prefersAsync && !budgetCoversCall) return finishAsync(isolate, call, timeoutMs, started);

  try {
    const text = callSync(isolate, call, syncTimeoutMs);
    return { text, jsTimeMs: performance.now() - started, wentAsync: false };
  } catch (error) {
    const ranPastBudget = error instanceof GuestInterruption && error.kind === 'timeout';
    if (!ranPastBudget || budgetCoversCall) throw error;
  }
  return finishAsync(isolate, call, timeoutMs, started);
}

export function callSync(isolate: ivm.Isolate, call: GuestCall, timeoutMs: number): string {
  const options: ivm.ReferenceApplyOptions = call.copy
    ? { arguments: { copy: true }, timeout: timeoutMs }
    : { timeout: timeoutMs };
  try {
    return call.fn.applySync(undefined, call.args as never[], options) as string;
  } catch (error) {
    throw asInterruption(error, isolate);
  }
}

async function finishAsync(
  isolate: ivm.Isolate,
  call: GuestCall,
  timeoutMs: number,
  started: number,
): Promise<CallOutcome> {
  const remainingMs = Math.max(1, Math.ceil(timeoutMs - (performance.now() - started)));
  const options: ivm.ReferenceApplyOptions = call.copy
    ? { arguments: { copy: true }, timeout: remainingMs }
    : { timeout: remainingMs };
  try {
    const text = (await call.fn.apply(undefined, call.args as never[], options)) as string;
    return { text, jsTimeMs: performance.now() - started, wentAsync: true };
  } catch (error) {
    throw asInterruption(error, isolate);
  }
}

function asInterruption(error: unknown, isolate: ivm.Isolate): unknown {
  const kind = classifyInterruption(error, isolate);
  return kind === null ? error : new GuestInterruption(kind, error);
}
