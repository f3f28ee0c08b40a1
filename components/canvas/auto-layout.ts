import dagre from '@dagrejs/dagre';

import type { GraphNode, WorkflowGraph } from '@/engine/types';

import { BLOCK_SIZE, LOOP_HEADER, LOOP_PADDING, loopFrameSize } from './loop-frame';

const NODE_SEPARATION = 48;
const RANK_SEPARATION = 64;

type Size = { width: number; height: number };
type Position = { x: number; y: number };

/** Lays out one scope (the top level or one loop body) top to bottom; returns top-left corners. */
function layoutScope(
  blocks: GraphNode[],
  edges: WorkflowGraph['edges'],
  sizeOf: (block: GraphNode) => Size,
): Map<string, Position> {
  const layout = new dagre.graphlib.Graph();
  layout.setGraph({ rankdir: 'TB', nodesep: NODE_SEPARATION, ranksep: RANK_SEPARATION });
  layout.setDefaultEdgeLabel(() => ({}));

  const ids = new Set(blocks.map((block) => block.id));
  // dagre writes its results into the label object, so every node gets its own copy.
  for (const block of blocks) layout.setNode(block.id, { ...sizeOf(block) });
  for (const edge of edges) {
    if (ids.has(edge.source) && ids.has(edge.target)) layout.setEdge(edge.source, edge.target);
  }
  dagre.layout(layout);

  const positions = new Map<string, Position>();
  for (const block of blocks) {
    const { x, y } = layout.node(block.id);
    const { width, height } = sizeOf(block);
    positions.set(block.id, { x: Math.round(x - width / 2), y: Math.round(y - height / 2) });
  }
  return positions;
}

/** Moves positions so the scope's top-left corner is at `origin`. */
function shiftTo(positions: Map<string, Position>, origin: Position): void {
  const minX = Math.min(...[...positions.values()].map((p) => p.x));
  const minY = Math.min(...[...positions.values()].map((p) => p.y));

  for (const [id, p] of positions) {
    positions.set(id, { x: p.x - minX + origin.x, y: p.y - minY + origin.y });
  }
}

/**
 * Arranges the graph top to bottom with dagre. Loop bodies are laid out first, inside their
 * frames, so that each loop is placed with its final size. Returns a new graph; ids, config and
 * edges are unchanged.
 */
export function autoLayout(graph: WorkflowGraph): WorkflowGraph {
  const positions = new Map<string, Position>();
  const sizes = new Map<string, Size>();
  const childrenOf = (parentId: string | undefined) =>
    graph.nodes.filter((node) => node.parentId === parentId);

  const layoutLoop = (loop: GraphNode): Size => {
    const body = childrenOf(loop.id);
    for (const child of body) if (child.type === 'loop') sizes.set(child.id, layoutLoop(child));
    if (body.length === 0) return loopFrameSize([]);

    const bodyPositions = layoutScope(body, graph.edges, sizeOfBlock);
    shiftTo(bodyPositions, { x: LOOP_PADDING, y: LOOP_HEADER + LOOP_PADDING / 2 });
    for (const [id, p] of bodyPositions) positions.set(id, p);
    return loopFrameSize(body.map((child) => ({ position: bodyPositions.get(child.id) })));
  };
  const sizeOfBlock = (block: GraphNode): Size => sizes.get(block.id) ?? BLOCK_SIZE;

  const topLevel = childrenOf(undefined);
  for (const block of topLevel) if (block.type === 'loop') sizes.set(block.id, layoutLoop(block));
  if (topLevel.length > 0) {
    const topPositions = layoutScope(topLevel, graph.edges, sizeOfBlock);
    shiftTo(topPositions, { x: 0, y: 0 });
    for (const [id, p] of topPositions) positions.set(id, p);
  }

  const nodes = graph.nodes.map((node) => ({ ...node, position: positions.get(node.id)! }));
  return { ...graph, nodes };
}
