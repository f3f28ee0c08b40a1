import type { WorkflowGraph } from '@/engine/types';

import {
  traceToBlockStates,
  type BlockRunState,
  type RunCanvasState,
} from '@/components/trace/block-badges';

import type { ActiveRun } from './debugger-state';

function shallowEqual(a: object, b: object): boolean {
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => a[key as keyof typeof a] === b[key as keyof typeof b]);
}

/** Keeps the previous state object of every block whose state did not change. */
function reuseUnchanged(
  next: Map<string, BlockRunState>,
  previous: Map<string, BlockRunState> | undefined,
): Map<string, BlockRunState> {
  if (!previous) return next;

  for (const [blockId, state] of next) {
    const old = previous.get(blockId);
    if (old && shallowEqual(old, state)) next.set(blockId, old);
  }

  return next;
}

/**
 * Maps the active run to block states and taken edges for the canvas. Block states that did not
 * change keep their identity, so a progress update re-renders only the blocks it touched.
 */
export function computeRunCanvas(
  run: ActiveRun | null,
  graph: WorkflowGraph,
  previous: RunCanvasState | null,
): RunCanvasState | null {
  if (!run) return null;

  const source = run.trace ?? {
    runId: run.runId,
    steps: run.live,
    runningBlockIds: run.runningBlockIds ?? [],
    finished: false,
  };
  const canvas = traceToBlockStates(source, graph);

  return { ...canvas, blocks: reuseUnchanged(canvas.blocks, previous?.blocks) };
}
