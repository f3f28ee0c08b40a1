import type { BlockContext, BlockResult } from '../block-context';
import { raceAbort } from '../limits';

/**
 * Runs the block's code in the run's sandbox. The timeout is the block's `timeoutMs` or the
 * run's time left, whichever is shorter; console lines end up in the step's `logs`.
 */
export async function runJsBlock(context: BlockContext<'js'>): Promise<BlockResult> {
  const { budget, sandbox } = context.run;
  budget.checkTime();

  const timeLeftMs = budget.timeLeftMs();
  const timeoutMs = budget.callTimeoutMs(context.config.timeoutMs);
  try {
    const call = sandbox.runScript(context.config.code, context.frame.locals, {
      timeoutMs,
      blockId: context.node.id,
      field: 'code',
      assignTo: context.config.outputKey,
    });
    const result = await raceAbort(call, budget.signal);
    context.step.jsTimeMs += result.jsTimeMs;

    return { output: result.value, logs: result.logs, assignedInSandbox: true };
  } catch (error) {
    throw context.toRunError(error, timeoutMs >= timeLeftMs);
  }
}
