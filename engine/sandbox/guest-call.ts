import type ivm from 'isolated-vm';

import type { GuestFunction } from './isolate';

/** What a guest function returns once its JSON text is parsed. */
export type GuestEnvelope =
  { value: unknown; logs?: string[]; error?: undefined } | { error: GuestFailure; logs?: string[] };

export interface GuestFailure {
  /** `value`: a boundary rule was broken. `script`: the code threw. */
  kind: 'value' | 'script';
  text: string;
  line?: number;
  column?: number;
}

/** How a call ended when the guest did not return: isolated-vm stopped it. */
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

/** Tells why isolated-vm raised, using the isolate's state and its fixed messages. */
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

export interface CallPlan {
  timeoutMs: number;
  /**
   * Longest a synchronous call may block the server's event loop. A call that runs past it is
   * stopped and run again asynchronously with the time that is left.
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
 * Calls a guest function, synchronously when it is likely short. isolated-vm's synchronous
 * `applySync` costs a few microseconds against tens for `apply`, but it blocks the event loop, so
 * it gets at most `syncBudgetMs`. Running the call again is safe because guest code has no effect
 * outside the isolate and the run's state changes only when a call returns.
 */
export async function callGuest(
  isolate: ivm.Isolate,
  fn: ivm.Reference<GuestFunction>,
  args: unknown[],
  plan: CallPlan,
): Promise<CallOutcome> {
  const started = performance.now();
  const timeoutMs = Math.max(1, Math.ceil(plan.timeoutMs));
  const copy = args.some((arg) => typeof arg === 'object' && arg !== null);
  const transfer: ivm.ReferenceApplyOptions = copy ? { arguments: { copy: true } } : {};
  const syncTimeoutMs = Math.min(timeoutMs, plan.syncBudgetMs);
  const budgetCoversCall = syncTimeoutMs >= timeoutMs;

  if (!plan.prefersAsync || budgetCoversCall) {
    try {
      const options: ivm.ReferenceApplyOptions = { ...transfer, timeout: syncTimeoutMs };
      const text = fn.applySync(undefined, args as never[], options) as string;
      return { text, jsTimeMs: performance.now() - started, wentAsync: false };
    } catch (error) {
      const kind = classifyInterruption(error, isolate);
      const canContinueAsync = kind === 'timeout' && !budgetCoversCall;
      if (!canContinueAsync) throw kind === null ? error : new GuestInterruption(kind, error);
    }
  }

  const remainingMs = Math.max(1, Math.ceil(timeoutMs - (performance.now() - started)));
  try {
    const options: ivm.ReferenceApplyOptions = { ...transfer, timeout: remainingMs };
    const text = (await fn.apply(undefined, args as never[], options)) as string;
    return { text, jsTimeMs: performance.now() - started, wentAsync: true };
  } catch (error) {
    const kind = classifyInterruption(error, isolate);
    throw kind === null ? error : new GuestInterruption(kind, error);
  }
}
