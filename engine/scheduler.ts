/**
 * Runs the blocks of a scope (the top level or one loop iteration) in topological order. A
 * block runs once all its incoming edges have settled and at least one was taken. A block with
 * no incoming edges always runs. Any other block is skipped with `branch not taken`, and its own
 * outgoing edges are not taken either.
 */

import type { Frame } from './block-context';
import { TOP_LEVEL_SCOPE } from './graph';
import type { RunState } from './run-state';
import { runStep, skipUnreachedStep, type StepResult } from './step-runner';
import type { GraphEdge } from './types';

/**
 * Runs one scope and returns the value of the last block in it that executed and assigned an
 * outputKey, or null when none did (a loop iteration's output).
 */
export async function runScope(run: RunState, scope: string, frame: Frame): Promise<unknown> {
  const edgeTaken = new Map<string, boolean>();
  let lastOutput: unknown = null;

  for (const node of run.graph.scopes.get(scope) ?? []) {
    const incoming = run.graph.incoming.get(node.id) ?? [];
    const isReached = incoming.length === 0 || incoming.some((edge) => edgeTaken.get(edge.id));

    const runBody = (bodyFrame: Frame) => runScope(run, node.id, bodyFrame);
    const result = isReached
      ? await runStep(run, node, frame, runBody)
      : skipUnreachedStep(run, node, frame);

    for (const edge of run.graph.outgoing.get(node.id) ?? []) {
      edgeTaken.set(edge.id, isEdgeTaken(edge, result));
    }
    if (result.assigned) lastOutput = result.assigned.value;
  }

  return lastOutput;
}

export function runTopLevel(run: RunState): Promise<unknown> {
  return runScope(run, TOP_LEVEL_SCOPE, { locals: {} });
}

function isEdgeTaken(edge: GraphEdge, result: StepResult): boolean {
  if (result.status === 'unreached') return false;
  if (result.takenLabel !== undefined) return edge.label === result.takenLabel;
  return true;
}
