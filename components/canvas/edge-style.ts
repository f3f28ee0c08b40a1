import type { RunCanvasState } from '@/components/trace/block-badges';

import type { FlowEdge } from './flow-types';

/**
 * Marks the edges the active run took and those it settled without taking, for the canvas to
 * highlight the taken path. Returns the input array when there is no run.
 */
export function styleEdges(edges: FlowEdge[], run: RunCanvasState | null): FlowEdge[] {
  if (!run) return edges;

  return edges.map((edge) => {
    const className = run.takenEdgeIds.has(edge.id)
      ? 'edge--taken'
      : run.untakenEdgeIds.has(edge.id)
        ? 'edge--untaken'
        : undefined;
    return className ? { ...edge, className, data: { ...edge.data, runPath: className } } : edge;
  });
}
