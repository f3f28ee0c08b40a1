/**
 * A run's limits: the wall-clock deadline and the step budget. The deadline also drives an
 * AbortSignal, so database statements and HTTP requests in flight stop when it passes.
 */

import { RunLimitError } from './errors';
import type { RunLimits } from './types';

export const DEFAULT_LIMITS: RunLimits = { maxExecutionTimeMs: 30_000, maxSteps: 1000 };

/** Applies the defaults to the limits a caller passed; non-positive values are rejected. */
export function compileLimits(limits: Partial<RunLimits> | undefined): RunLimits {
  const compiled = { ...DEFAULT_LIMITS, ...definedEntries(limits ?? {}) };

  for (const [name, value] of Object.entries(compiled)) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`Run limit ${name} must be a positive number, got ${value}`);
    }
  }

  return compiled;
}

function definedEntries(limits: Partial<RunLimits>): Partial<RunLimits> {
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}

export class RunBudget {
  readonly deadline: number;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private stepsStarted = 0;

  constructor(
    readonly limits: RunLimits,
    readonly startedAt: number = performance.now(),
  ) {
    this.deadline = startedAt + limits.maxExecutionTimeMs;
    this.timer = setTimeout(() => this.controller.abort(this.timeLimitError()), this.timeLeftMs());
    this.timer.unref();
  }

  /** Aborts when the run's time is up; its reason is the RunLimitError. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Milliseconds until the deadline, never negative. */
  timeLeftMs(): number {
    return Math.max(0, this.deadline - performance.now());
  }

  isTimeUp(): boolean {
    return this.timeLeftMs() <= 0 || this.controller.signal.aborted;
  }

  timeLimitError(): RunLimitError {
    return new RunLimitError('maxExecutionTimeMs', this.limits.maxExecutionTimeMs);
  }

  /** Throws the time limit error once the deadline has passed. */
  checkTime(): void {
    if (this.isTimeUp()) throw this.timeLimitError();
  }

  /** Counts a step about to start; throws when it would be one more than `maxSteps`. */
  startStep(): void {
    this.checkTime();

    if (this.stepsStarted >= this.limits.maxSteps) {
      throw new RunLimitError('maxSteps', this.limits.maxSteps);
    }
    this.stepsStarted += 1;
  }

  /** Steps that may still start before `maxSteps` is reached. */
  stepsLeft(): number {
    return this.limits.maxSteps - this.stepsStarted;
  }

  /**
   * Returns the timeout of one call in whole milliseconds, at least 1: the block's own timeout
   * when it is set and shorter than the time left, else the time left rounded up.
   */
  callTimeoutMs(blockTimeoutMs?: number): number {
    const timeLeftMs = Math.max(1, Math.ceil(this.timeLeftMs()));
    return blockTimeoutMs === undefined ? timeLeftMs : Math.min(blockTimeoutMs, timeLeftMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/**
 * Settles like `promise` unless `signal` aborts first, in which case it rejects with the
 * signal's reason. Guards calls whose implementation might not honour the signal itself.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);

  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });

    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
