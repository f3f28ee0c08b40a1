import type { WorkflowGraph } from '@/engine/types';

import type { FlowEdge, FlowNode } from './flow-types';
import { graphEdgeToFlow, graphNodeToFlow, sortParentsFirst } from './graph-convert';

function sameNode(previous: FlowNode, next: FlowNode): boolean {
  return (
    previous.type === next.type &&
    previous.data.config === next.data.config &&
    previous.data.name === next.data.name &&
    previous.data.blockType === next.data.blockType &&
    previous.parentId === next.parentId &&
    previous.position.x === next.position.x &&
    previous.position.y === next.position.y &&
    previous.style?.width === next.style?.width &&
    previous.style?.height === next.style?.height
  );
}

/**
 * Builds the canvas nodes of `graph`, reusing the previous node object wherever the block did not
 * change, and keeping what React Flow measured and which nodes are selected.
 */
export function reconcileNodes(previous: FlowNode[], graph: WorkflowGraph): FlowNode[] {
  const previousById = new Map(previous.map((node) => [node.id, node]));

  return sortParentsFirst(graph.nodes).map((block) => {
    const next = graphNodeToFlow(block, graph);
    const old = previousById.get(block.id);
    if (!old) return next;
    if (sameNode(old, next)) return old;
    return { ...next, measured: old.measured, selected: old.selected } as FlowNode;
  });
}

/** Builds the canvas edges of `graph`, keeping selection and unchanged edge objects. */
export function reconcileEdges(previous: FlowEdge[], graph: WorkflowGraph): FlowEdge[] {
  const previousById = new Map(previous.map((edge) => [edge.id, edge]));

  return graph.edges.map((edge) => {
    const next = graphEdgeToFlow(edge, graph);
    const old = previousById.get(edge.id);
    if (!old) return next;
    const unchanged =
      old.source === next.source &&
      old.target === next.target &&
      old.sourceHandle === next.sourceHandle &&
      old.label === next.label;
    return unchanged ? old : { ...next, selected: old.selected };
  });
}
