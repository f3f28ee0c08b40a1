import type { InternalNode } from '@xyflow/react';

import type { WorkflowGraph } from '@/engine/types';

import type { FlowNode } from './flow-types';
import { withDescendants } from './graph-edits';
import { BLOCK_SIZE } from './loop-frame';
import { findDropTarget, type Rect } from './placement';

type Point = { x: number; y: number };
type GetInternalNode = (id: string) => InternalNode<FlowNode> | undefined;

/** Absolute rectangles of every loop frame, as React Flow measured them. */
export function loopRects(
  graph: WorkflowGraph,
  getInternalNode: GetInternalNode,
): { id: string; rect: Rect }[] {
  return graph.nodes
    .filter((node) => node.type === 'loop')
    .flatMap((node) => {
      const internal = getInternalNode(node.id);
      if (!internal) return [];
      const { x, y } = internal.internals.positionAbsolute;
      const width = internal.measured.width ?? 0;
      const height = internal.measured.height ?? 0;
      return [{ id: node.id, rect: { x, y, width, height } }];
    });
}

/** The loop a block dragged to `topLeft` lands in, or undefined for the top level. */
export function dropParentFor(
  graph: WorkflowGraph,
  blockId: string | null,
  topLeft: Point,
  getInternalNode: GetInternalNode,
): string | undefined {
  const excluded = blockId ? withDescendants(graph, [blockId]) : new Set<string>();
  const center = { x: topLeft.x + BLOCK_SIZE.width / 2, y: topLeft.y + BLOCK_SIZE.height / 2 };
  return findDropTarget(center, loopRects(graph, getInternalNode), excluded);
}

/** Converts an absolute position into one relative to `parentId`, or keeps it at the top level. */
export function relativeTo(
  parentId: string | undefined,
  absolute: Point,
  getInternalNode: GetInternalNode,
): Point {
  const parent = parentId ? getInternalNode(parentId) : undefined;
  if (!parent) return { x: Math.round(absolute.x), y: Math.round(absolute.y) };

  const origin = parent.internals.positionAbsolute;
  return { x: Math.round(absolute.x - origin.x), y: Math.round(absolute.y - origin.y) };
}
