/**
 * Runs one block as one step: counts it against the limits, decides whether it is skipped
 * (snapshot satisfied, condition false, idempotency guard), runs its handler, assigns its output
 * and records the step.
 */

import { BlockContext, type BlockResult, type Frame, type RunBody } from './block-context';
import { runBlockHandler } from './blocks';
import { deepFreeze } from './canonical-json';
import { describeError } from './errors';
import type { RunState } from './run-state';
import type { OpenStep, StepOutcome } from './trace-recorder';
import type { GraphNode, VariableAssignment } from './types';

export const SNAPSHOT_SKIP_REASON = 'snapshot satisfied (cached output)';
export const CONDITION_SKIP_REASON = 'condition false';
export const BRANCH_SKIP_REASON = 'branch not taken';

export interface StepResult {
  status: 'executed' | 'skipped' | 'unreached';
  /** A branch block's decision. */
  takenLabel?: 'true' | 'false';
  /** Set when the step assigned its outputKey. */
  assigned?: { value: unknown };
}

type Skip = { reason: string; detail: unknown; output?: unknown };

/** Runs a block whose incoming edges allow it to run. Errors are recorded, then rethrown. */
export async function runStep(
  run: RunState,
  node: GraphNode,
  frame: Frame,
  runBody: RunBody,
): Promise<StepResult> {
  const step = openStep(run, node, frame);

  try {
    const context = new BlockContext(node, run, step, frame, runBody);
    const skip = snapshotSkip(run, node) ?? (await conditionSkip(context));
    if (skip) return recordSkip(run, step, skip, 'skipped');

    const result = await runBlockHandler(context);
    if (result.skip) return recordSkip(run, step, result.skip, 'skipped');
    return await recordExecution(context, result);
  } catch (error) {
    run.failedBlockId ??= node.id;
    run.recorder.finishStep(step, { status: 'error', error: describeError(error) });
    throw error;
  }
}

/** Records a block none of whose incoming edges was taken. */
export function skipUnreachedStep(run: RunState, node: GraphNode, frame: Frame): StepResult {
  const step = openStep(run, node, frame);
  return recordSkip(run, step, { reason: BRANCH_SKIP_REASON, detail: undefined }, 'unreached');
}

function openStep(run: RunState, node: GraphNode, frame: Frame): OpenStep {
  try {
    run.budget.startStep();
  } catch (error) {
    run.failedBlockId ??= node.id;
    throw error;
  }

  notifyStepStart(run, node, frame);
  return run.recorder.startStep(node.id, node.type, frame.iteration);
}

export function notifyStepStart(run: RunState, node: GraphNode, frame: Frame): void {
  try {
    run.callbacks.onStepStart?.(node.id, frame.iteration);
  } catch (error) {
    run.logger?.warn?.(
      { err: error, runId: run.runId, blockId: node.id },
      'onStepStart callback failed',
    );
  }
}

/** True for a top-level block whose outputKey the checkpoint already holds. */
export function isSnapshotSatisfied(run: RunState, node: GraphNode): boolean {
  const outputKey = outputKeyOf(node);
  return (
    run.snapshot !== undefined &&
    node.parentId === undefined &&
    outputKey !== undefined &&
    run.snapshot.satisfiedKeys.has(outputKey)
  );
}

/** Top-level blocks whose outputKey the checkpoint already holds are not run again. */
function snapshotSkip(run: RunState, node: GraphNode): Skip | undefined {
  if (!isSnapshotSatisfied(run, node)) return undefined;

  const outputKey = outputKeyOf(node);
  const { sourceRunId, checkpointStep } = run.snapshot!;
  return {
    reason: SNAPSHOT_SKIP_REASON,
    detail: { sourceRunId, checkpointStep },
    output: run.vars[outputKey!],
  };
}

/** Evaluates `condition`: a falsy value skips the block with the value as detail. */
async function conditionSkip(context: BlockContext): Promise<Skip | undefined> {
  const source = context.node.type === 'branch' ? undefined : context.config.condition;
  if (source === undefined || source === '') return undefined;

  const value = await context.evaluate('condition', source);
  return value ? undefined : { reason: CONDITION_SKIP_REASON, detail: value ?? null };
}

function recordSkip(
  run: RunState,
  step: OpenStep,
  skip: Skip,
  status: 'skipped' | 'unreached',
): StepResult {
  const outcome: StepOutcome = {
    status: 'skipped',
    skipReason: skip.reason,
    skipDetail: skip.detail,
  };
  if (skip.output !== undefined) outcome.output = skip.output;

  run.recorder.finishStep(step, outcome);
  return { status };
}

async function recordExecution(context: BlockContext, result: BlockResult): Promise<StepResult> {
  const { run, node, step } = context;
  const outputKey = outputKeyOf(node);
  // Assigned values are frozen so that no later block can change what an earlier one produced;
  // other outputs, such as the caller's input echoed by an input block, stay as they are.
  const value =
    outputKey === undefined ? (result.output ?? null) : deepFreeze(result.output ?? null);

  if (outputKey !== undefined) await assignVariable(context, outputKey, value, result);

  const trace = run.recorder.finishStep(step, {
    status: 'executed',
    inputs: result.inputs,
    output: result.output === undefined ? undefined : value,
    cacheHit: result.cacheHit,
    cacheKey: result.cacheKey,
    logs: result.logs,
    sideEffects: result.sideEffects,
  });

  if (outputKey !== undefined)
    addAssignment(run, { stepIndex: trace.index, key: outputKey, value });
  result.onRecorded?.(trace.index);

  return {
    status: 'executed',
    ...(result.takenLabel ? { takenLabel: result.takenLabel } : {}),
    ...(outputKey !== undefined ? { assigned: { value } } : {}),
  };
}

/** Keeps an assignment for the run result and reports it to `onAssignment`. */
export function addAssignment(run: RunState, assignment: VariableAssignment): void {
  run.assignments.push(assignment);

  try {
    run.callbacks.onAssignment?.(assignment);
  } catch (error) {
    run.logger?.warn?.(
      { err: error, runId: run.runId, key: assignment.key },
      'onAssignment callback failed',
    );
  }
}

async function assignVariable(
  context: BlockContext,
  key: string,
  value: unknown,
  result: BlockResult,
) {
  context.run.vars[key] = value;
  if (result.assignedInSandbox) return;

  try {
    await context.run.sandbox.assign(key, value);
  } catch (error) {
    throw context.toRunError(error);
  }
}

export function outputKeyOf(node: GraphNode): string | undefined {
  const outputKey = (node.config as { outputKey?: unknown }).outputKey;
  return typeof outputKey === 'string' && outputKey !== '' ? outputKey : undefined;
}
