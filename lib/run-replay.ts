/**
 * Builds the input of a replay ("Replay from here"): the variables after the checkpoint step and
 * the side effects that already ran up to it, from a finished source run.
 */

import type {
  ExecutedSideEffect,
  ExecutionTrace,
  SnapshotInput,
  SnapshotOptions,
  VariableAssignment,
} from '../engine/types';

/** Applies every assignment with `stepIndex <= checkpointStep` in order; later ones win. */
export function foldAssignments(
  assignments: VariableAssignment[],
  checkpointStep: number,
): Record<string, unknown> {
  const vars: Record<string, unknown> = {};

  for (const assignment of assignments) {
    if (assignment.stepIndex <= checkpointStep) vars[assignment.key] = assignment.value;
  }

  return vars;
}

function readIdempotencyKey(inputs: unknown): string | undefined {
  if (typeof inputs !== 'object' || inputs === null) return undefined;

  const key = (inputs as { idempotencyKey?: unknown }).idempotencyKey;
  return typeof key === 'string' ? key : undefined;
}

/**
 * Lists the write and HTTP steps that executed up to the checkpoint, so that the replay's
 * idempotency guard skips them instead of repeating their side effect. The key is read from the
 * step's resolved `inputs.idempotencyKey` when the block sets one.
 */
export function executedSideEffectsUpTo(
  trace: ExecutionTrace,
  checkpointStep: number,
): ExecutedSideEffect[] {
  return trace.steps
    .filter((step) => step.index <= checkpointStep && step.status === 'executed')
    .filter((step) => step.blockType === 'write' || step.blockType === 'http')
    .map((step) => {
      const idempotencyKey = readIdempotencyKey(step.inputs);
      return {
        blockId: step.blockId,
        stepIndex: step.index,
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      };
    });
}

export interface ReplaySource {
  runId: string;
  input: unknown;
  trace: ExecutionTrace;
  assignments: VariableAssignment[];
}

export interface ReplayRequest {
  inputJson: SnapshotInput;
  snapshot: SnapshotOptions;
}

/** Builds the engine input and snapshot options of a replay from `checkpointStep`. */
export function buildReplayRequest(
  source: ReplaySource,
  checkpointStep: number,
  commit: boolean,
): ReplayRequest {
  return {
    inputJson: { input: source.input, vars: foldAssignments(source.assignments, checkpointStep) },
    snapshot: {
      sourceRunId: source.runId,
      checkpointStep,
      commit,
      executedSideEffects: executedSideEffectsUpTo(source.trace, checkpointStep),
    },
  };
}
