import type { GraphEdge, GraphNode, WorkflowGraph } from '@/engine/types';

import { BRANCH_HANDLES, type FlowEdge, type FlowNode } from './flow-types';
import { loopFrameSize } from './loop-frame';

const ORIGIN = { x: 0, y: 0 };

/** Whether a label names one of a branch block's source handles. */
function isBranchHandle(label: string | undefined): label is (typeof BRANCH_HANDLES)[number] {
  return label === 'true' || label === 'false';
}

/**
 * Converts one engine block into a React Flow node. Positions stay as stored: a loop body
 * block's position is relative to its loop, as React Flow sub-flows expect.
 */
export function graphNodeToFlow(node: GraphNode, graph: WorkflowGraph): FlowNode {
  const data = { blockType: node.type, name: node.name, config: node.config };
  const position = node.position ?? ORIGIN;
  const parent = node.parentId ? { parentId: node.parentId } : {};

  if (node.type === 'loop') {
    const size = loopFrameSize(graph.nodes.filter((child) => child.parentId === node.id));
    return { id: node.id, type: 'loop', position, data, style: size, ...parent };
  }

  return { id: node.id, type: 'block', position, data, ...parent };
}

/** Converts an engine edge into a React Flow edge, with a branch label as the source handle. */
export function graphEdgeToFlow(edge: GraphEdge, graph: WorkflowGraph): FlowEdge {
  const source = graph.nodes.find((node) => node.id === edge.source);
  const fromBranch = source?.type === 'branch' && isBranchHandle(edge.label);

  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    ...(fromBranch ? { sourceHandle: edge.label } : {}),
    ...(edge.label ? { label: edge.label } : {}),
  };
}

/**
 * Orders nodes so that every loop comes before its body, because React Flow requires a parent
 * node to precede its children in the nodes array.
 */
export function sortParentsFirst<T extends { id: string; parentId?: string }>(nodes: T[]): T[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const depth = (node: T, seen = new Set<string>()): number => {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (!parent || seen.has(node.id)) return 0;
    seen.add(node.id);
    return 1 + depth(parent, seen);
  };

  return nodes
    .map((node, order) => ({ node, order, depth: depth(node) }))
    .sort((a, b) => a.depth - b.depth || a.order - b.order)
    .map((entry) => entry.node);
}

/** Converts an engine graph into React Flow nodes and edges. */
export function graphToFlow(graph: WorkflowGraph): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes = sortParentsFirst(graph.nodes).map((node) => graphNodeToFlow(node, graph));
  const edges = graph.edges.map((edge) => graphEdgeToFlow(edge, graph));

  return { nodes, edges };
}

/** Converts a React Flow node back into an engine block. */
export function flowNodeToGraph(node: FlowNode): GraphNode {
  const block: GraphNode = {
    id: node.id,
    type: node.data.blockType,
    position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
    config: node.data.config,
  };

  if (node.data.name !== undefined) block.name = node.data.name;
  if (node.parentId) block.parentId = node.parentId;
  return block;
}

/** Converts a React Flow edge back into an engine edge; a branch handle becomes the label. */
export function flowEdgeToGraph(edge: FlowEdge): GraphEdge {
  const label = isBranchHandle(edge.sourceHandle ?? undefined)
    ? edge.sourceHandle
    : typeof edge.label === 'string' && edge.label !== ''
      ? edge.label
      : undefined;

  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    ...(label ? { label } : {}),
  };
}

/** Converts React Flow nodes and edges back into an engine graph. */
export function flowToGraph(nodes: FlowNode[], edges: FlowEdge[]): WorkflowGraph {
  return { nodes: nodes.map(flowNodeToGraph), edges: edges.map(flowEdgeToGraph) };
}
