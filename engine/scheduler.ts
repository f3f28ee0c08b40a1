/**
 * Runs the blocks of a scope (the top level or one loop iteration) in topological order. A
 * block runs once all its incoming edges have settled and at least one was taken. A block with
 * no incoming edges always runs. Any other block is skipped with `branch not taken`, and its own
 * outgoing edges are not taken either. Consecutive `js` blocks run as one chain (js-chain.ts)
 * where nothing on the server has to happen between them.
 */

import type { Frame } from './block-context';
import { TOP_LEVEL_SCOPE } from './graph';
import { collectChain, runChain } from './js-chain';
import type { RunState } from './run-state';
import { runStep, skipUnreachedStep, type StepResult } from './step-runner';
import type { GraphEdge, GraphNode } from './types';

/**
 * Runs one scope and returns the value of the last block in it that executed and assigned an
 * outputKey, or null when none did (a loop iteration's output).
 */
export async function runScope(run: RunState, scope: string, frame: Frame): Promise<unknown> {
  const scopeNodes = run.graph.scopes.get(scope) ?? [];
  const edgeTaken = new Map<string, boolean>();
  let lastOutput: unknown = null;

  for (let position = 0; position < scopeNodes.length; position++) {
    const node = scopeNodes[position]!;
    const incoming = run.graph.incoming.get(node.id) ?? [];
    const isReached = incoming.length === 0 || incoming.some((edge) => edgeTaken.get(edge.id));

    const chain = isReached ? collectChain(run, scopeNodes, position, edgeTaken) : [];
    const chained = chain.length > 0 ? await runChain(run, chain, frame) : [];
    if (chained.length > 0) {
      for (const step of chained) {
        setEdges(run, step.node, edgeTaken, EXECUTED);
        if (step.assigned) lastOutput = step.assigned.value;
      }
      position += chained.length - 1;
      continue;
    }

    const runBody = (bodyFrame: Frame) => runScope(run, node.id, bodyFrame);
    const result = isReached
      ? await runStep(run, node, frame, runBody)
      : skipUnreachedStep(run, node, frame);

    setEdges(run, node, edgeTaken, result);
    if (result.assigned) lastOutput = result.assigned.value;
  }

  return lastOutput;
}

/** A block that ran and chose no branch, which takes all of its outgoing edges. */
const EXECUTED: StepResult = { status: 'executed' };

function setEdges(
  run: RunState,
  node: GraphNode,
  edgeTaken: Map<string, boolean>,
  result: StepResult,
): void {
  for (const edge of run.graph.outgoing.get(node.id) ?? []) {
    edgeTaken.set(edge.id, isEdgeTaken(edge, result));
  }
}

export function runTopLevel(run: RunState): Promise<unknown> {
  return runScope(run, TOP_LEVEL_SCOPE, { locals: {} });
}

function isEdgeTaken(edge: GraphEdge, result: StepResult): boolean {
  if (result.status === 'unreached') return false;
  if (result.takenLabel !== undefined) return edge.label === result.takenLabel;
  return true;
}
