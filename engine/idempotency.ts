/**
 * The idempotency guard: a `write` or `http` block runs at most once per run, or once per
 * (block, key) when the block sets `idempotencyKey`. A snapshot run is seeded with the side
 * effects its source run executed before the checkpoint.
 */

import type { ExecutedSideEffect } from './types';

export interface FirstExecution {
  stepIndex: number;
  /** Set when the first execution happened in the source run of a snapshot. */
  sourceRunId?: string;
}

export class IdempotencyGuard {
  private readonly executed = new Map<string, FirstExecution>();

  /** Marks side effects of a snapshot's source run as already executed. */
  seed(sideEffects: ExecutedSideEffect[], sourceRunId: string): void {
    for (const effect of sideEffects) {
      const key = guardKey(effect.blockId, effect.idempotencyKey);
      if (!this.executed.has(key)) {
        this.executed.set(key, { stepIndex: effect.stepIndex, sourceRunId });
      }
    }
  }

  /** The first execution of this block and key, or undefined when it has not run yet. */
  findExecution(blockId: string, idempotencyKey?: string): FirstExecution | undefined {
    return this.executed.get(guardKey(blockId, idempotencyKey));
  }

  record(blockId: string, idempotencyKey: string | undefined, stepIndex: number): void {
    this.executed.set(guardKey(blockId, idempotencyKey), { stepIndex });
  }
}

function guardKey(blockId: string, idempotencyKey?: string): string {
  return idempotencyKey === undefined ? blockId : JSON.stringify([blockId, idempotencyKey]);
}
