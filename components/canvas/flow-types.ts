import type { Edge, Node } from '@xyflow/react';

import type { BlockConfig, BlockType } from '@/engine/types';

/** What a block node carries on the canvas: the block's own fields, minus layout. */
export interface BlockNodeData extends Record<string, unknown> {
  blockType: BlockType;
  name?: string;
  config: BlockConfig;
}

/** Any block other than a loop. */
export type BlockFlowNode = Node<BlockNodeData, 'block'>;

/** A loop block: a React Flow group whose child nodes are the loop body. */
export type LoopFlowNode = Node<BlockNodeData, 'loop'>;

export type FlowNode = BlockFlowNode | LoopFlowNode;

export type FlowEdge = Edge;

/** The branch handles; an edge leaving one carries the handle id as its label. */
export const BRANCH_HANDLES = ['true', 'false'] as const;
