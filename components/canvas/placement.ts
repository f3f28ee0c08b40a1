import type { GraphNode, WorkflowGraph } from '@/engine/types';

import { BLOCK_SIZE, LOOP_HEADER, LOOP_PADDING, loopFrameSize } from './loop-frame';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

type Point = { x: number; y: number };

const GAP = 24;
const SEARCH_RINGS = 40;

function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.x < b.x + b.width + GAP &&
    b.x < a.x + a.width + GAP &&
    a.y < b.y + b.height + GAP &&
    b.y < a.y + a.height + GAP
  );
}

/** The rectangle a block occupies in its parent's coordinates. */
export function blockRect(block: GraphNode, graph: WorkflowGraph): Rect {
  const position = block.position ?? { x: 0, y: 0 };
  const size =
    block.type === 'loop'
      ? loopFrameSize(graph.nodes.filter((child) => child.parentId === block.id))
      : BLOCK_SIZE;
  return { ...position, ...size };
}

/**
 * Finds the free spot nearest to `preferred` for a new block among the blocks of one scope (the
 * top level, or the body of `parentId`), searching outwards on a grid one block-size apart.
 */
export function findFreeSpot(graph: WorkflowGraph, preferred: Point, parentId?: string): Point {
  const taken = graph.nodes
    .filter((node) => node.parentId === parentId)
    .map((node) => blockRect(node, graph));
  const minimum = parentId ? { x: LOOP_PADDING, y: LOOP_HEADER } : { x: -Infinity, y: -Infinity };
  const start = { x: Math.max(preferred.x, minimum.x), y: Math.max(preferred.y, minimum.y) };
  const stepX = BLOCK_SIZE.width + GAP;
  const stepY = BLOCK_SIZE.height + GAP;

  for (let ring = 0; ring <= SEARCH_RINGS; ring += 1) {
    for (let dy = 0; dy <= ring; dy += 1) {
      for (let dx = 0; dx <= ring; dx += 1) {
        if (Math.max(dx, dy) !== ring) continue;
        const candidate = { x: start.x + dx * stepX, y: start.y + dy * stepY, ...BLOCK_SIZE };
        if (!taken.some((rect) => overlaps(rect, candidate)))
          return { x: candidate.x, y: candidate.y };
      }
    }
  }

  return { x: start.x, y: start.y + (SEARCH_RINGS + 1) * stepY };
}

/**
 * The innermost loop whose frame contains `point`, or undefined. Rects are absolute; `excluded`
 * holds the dragged block and its own body, which it cannot be dropped into.
 */
export function findDropTarget(
  point: Point,
  loops: { id: string; rect: Rect }[],
  excluded: Set<string>,
): string | undefined {
  const containing = loops.filter(
    ({ id, rect }) =>
      !excluded.has(id) &&
      point.x >= rect.x &&
      point.x <= rect.x + rect.width &&
      point.y >= rect.y &&
      point.y <= rect.y + rect.height,
  );
  const area = (rect: Rect) => rect.width * rect.height;

  containing.sort((a, b) => area(a.rect) - area(b.rect));
  return containing[0]?.id;
}
