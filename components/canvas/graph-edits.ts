/**
 * Pure edits of an engine graph. Each returns a new graph and leaves unchanged blocks and edges
 * as the same objects, so the canvas re-renders only what an edit touched.
 */

import type { BlockConfig, BlockType, GraphNode, WorkflowGraph } from '@/engine/types';

import { BLOCK_META } from './block-meta';

type Position = { x: number; y: number };

/** Returns the first free id of the form `<type><n>`, such as `query1`. */
export function nextBlockId(type: BlockType, graph: WorkflowGraph): string {
  const taken = new Set(graph.nodes.map((node) => node.id));
  let counter = 1;
  while (taken.has(`${type}${counter}`)) counter += 1;
  return `${type}${counter}`;
}

/** Adds a block of `type` with its default config; `parentId` puts it in a loop body. */
export function addBlock(
  graph: WorkflowGraph,
  type: BlockType,
  position: Position,
  parentId?: string,
): { graph: WorkflowGraph; id: string } {
  const id = nextBlockId(type, graph);
  const block: GraphNode = {
    id,
    type,
    name: id,
    position,
    config: BLOCK_META[type].defaultConfig(id),
    ...(parentId ? { parentId } : {}),
  };

  return { graph: { ...graph, nodes: [...graph.nodes, block] }, id };
}

/** Ids of the given blocks plus every block nested in them, loops inside loops included. */
export function withDescendants(graph: WorkflowGraph, ids: Iterable<string>): Set<string> {
  const result = new Set(ids);
  let grew = true;

  while (grew) {
    grew = false;
    for (const node of graph.nodes) {
      if (node.parentId && result.has(node.parentId) && !result.has(node.id)) {
        result.add(node.id);
        grew = true;
      }
    }
  }

  return result;
}

/** Removes blocks (with their loop bodies), the edges touching them, and the given edges. */
export function removeElements(
  graph: WorkflowGraph,
  nodeIds: Iterable<string>,
  edgeIds: Iterable<string> = [],
): WorkflowGraph {
  const removedNodes = withDescendants(graph, nodeIds);
  const removedEdges = new Set(edgeIds);
  const keepEdge = (edge: WorkflowGraph['edges'][number]) =>
    !removedEdges.has(edge.id) && !removedNodes.has(edge.source) && !removedNodes.has(edge.target);

  return {
    nodes: graph.nodes.filter((node) => !removedNodes.has(node.id)),
    edges: graph.edges.filter(keepEdge),
  };
}

export interface ConnectRequest {
  source: string;
  target: string;
  /** `true` or `false` when the edge leaves a branch block. */
  sourceHandle?: string | null;
}

/** Why a connection cannot be made, or null when it can. */
export function connectionProblem(graph: WorkflowGraph, request: ConnectRequest): string | null {
  const { source, target } = request;
  const label = request.sourceHandle ?? undefined;

  if (source === target) return 'A block cannot connect to itself.';
  if (scopeOf(graph, source) !== scopeOf(graph, target)) {
    return 'Blocks connect only within the same loop body, or both outside any loop.';
  }
  if (graph.edges.some((e) => e.source === source && e.target === target && e.label === label)) {
    return 'These blocks are already connected.';
  }
  if (reaches(graph, target, source)) return 'This connection would create a cycle.';
  return null;
}

function scopeOf(graph: WorkflowGraph, id: string): string | undefined {
  return graph.nodes.find((node) => node.id === id)?.parentId;
}

function reaches(graph: WorkflowGraph, from: string, to: string): boolean {
  const seen = new Set<string>();
  const pending = [from];

  while (pending.length > 0) {
    const current = pending.pop()!;
    if (current === to) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const edge of graph.edges) if (edge.source === current) pending.push(edge.target);
  }

  return false;
}

/** Adds an edge; a branch handle becomes the edge label. Returns the graph unchanged when invalid. */
export function connect(graph: WorkflowGraph, request: ConnectRequest): WorkflowGraph {
  if (connectionProblem(graph, request)) return graph;

  const label = request.sourceHandle ?? undefined;
  const baseId = `${request.source}-${label ? `${label}-` : ''}${request.target}`;
  const taken = new Set(graph.edges.map((edge) => edge.id));
  let id = `e-${baseId}`;
  for (let counter = 2; taken.has(id); counter += 1) id = `e-${baseId}-${counter}`;

  const edge = { id, source: request.source, target: request.target, ...(label ? { label } : {}) };
  return { ...graph, edges: [...graph.edges, edge] };
}

/** Replaces a block's name and config fields; other blocks keep their identity. */
export function updateBlock(
  graph: WorkflowGraph,
  id: string,
  patch: { name?: string; config?: BlockConfig },
): WorkflowGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => (node.id === id ? { ...node, ...patch } : node)),
  };
}

/** Moves blocks to new positions; returns the same graph when nothing moved. */
export function moveBlocks(graph: WorkflowGraph, positions: Map<string, Position>): WorkflowGraph {
  let moved = false;
  const nodes = graph.nodes.map((node) => {
    const position = positions.get(node.id);
    const same = position && node.position?.x === position.x && node.position?.y === position.y;
    if (!position || same) return node;
    moved = true;
    return { ...node, position };
  });

  return moved ? { ...graph, nodes } : graph;
}

/**
 * Moves a block into a loop body, out of it (`parentId` undefined), or to another loop, at
 * `position`, which is relative to the new parent. Edges crossing the loop boundary are removed,
 * because a body block connects only to blocks of the same body.
 */
export function reparentBlock(
  graph: WorkflowGraph,
  id: string,
  parentId: string | undefined,
  position: Position,
): WorkflowGraph {
  const nodes = graph.nodes.map((node) => {
    if (node.id !== id) return node;
    const { parentId: _previous, ...rest } = node;
    return parentId ? { ...rest, parentId, position } : { ...rest, position };
  });
  const parentOf = new Map(nodes.map((node) => [node.id, node.parentId]));
  const sameScope = (edge: WorkflowGraph['edges'][number]) =>
    parentOf.get(edge.source) === parentOf.get(edge.target);
  const touches = (edge: WorkflowGraph['edges'][number]) =>
    edge.source === id || edge.target === id;

  return { nodes, edges: graph.edges.filter((edge) => !touches(edge) || sameScope(edge)) };
}
