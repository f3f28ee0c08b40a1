import type { BlockContext, BlockResult } from '../block-context';

export const GUARD_SKIP_REASON = 'already executed (idempotency guard)';

/**
 * Evaluates the block's `idempotencyKey` expression, when it has one, to the string the guard
 * keys on. Non-string values are turned into JSON text.
 */
export async function evaluateIdempotencyKey(
  context: BlockContext<'write' | 'http'>,
): Promise<string | undefined> {
  const source = context.config.idempotencyKey;
  if (source === undefined || source === '') return undefined;

  const value = await context.evaluate('idempotencyKey', source);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Returns a skip result naming the first execution when this block (and key) already ran in the
 * run or in a snapshot's source run. Returns undefined when the side effect may run.
 */
export function guardSkip(context: BlockContext, idempotencyKey?: string): BlockResult | undefined {
  const first = context.run.guard.findExecution(context.node.id, idempotencyKey);
  if (!first) return undefined;

  const detail = {
    firstStepIndex: first.stepIndex,
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    ...(first.sourceRunId === undefined ? {} : { sourceRunId: first.sourceRunId }),
  };
  return { skip: { reason: GUARD_SKIP_REASON, detail } };
}

/** Records the execution in the guard once the step has its index. */
export function recordExecution(context: BlockContext, idempotencyKey?: string) {
  return (stepIndex: number) =>
    context.run.guard.record(context.node.id, idempotencyKey, stepIndex);
}
