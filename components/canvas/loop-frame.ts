import type { GraphNode } from '@/engine/types';

/** Size a block node is laid out with; the CSS of `.block-node` keeps to it. */
export const BLOCK_SIZE = { width: 220, height: 76 };

/** Space between a loop's frame and its body, and the height of the frame's title bar. */
export const LOOP_PADDING = 24;
export const LOOP_HEADER = 44;

/** Size of an empty loop frame. */
export const EMPTY_LOOP_SIZE = { width: 300, height: 180 };

/**
 * Computes a loop frame's size from its body blocks, whose positions are relative to the loop,
 * so the frame always holds its body with some room to drop another block.
 */
export function loopFrameSize(body: Pick<GraphNode, 'position'>[]): {
  width: number;
  height: number;
} {
  if (body.length === 0) return { ...EMPTY_LOOP_SIZE };

  const right = Math.max(...body.map((node) => (node.position?.x ?? 0) + BLOCK_SIZE.width));
  const bottom = Math.max(...body.map((node) => (node.position?.y ?? 0) + BLOCK_SIZE.height));

  return {
    width: Math.max(EMPTY_LOOP_SIZE.width, right + LOOP_PADDING),
    height: Math.max(EMPTY_LOOP_SIZE.height, bottom + LOOP_PADDING + 40),
  };
}
