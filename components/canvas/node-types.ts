import type { NodeTypes } from '@xyflow/react';

import { BlockNode } from './BlockNode';
import { LoopNode } from './LoopNode';

/** Defined once at module scope: React Flow remounts every node when this object changes. */
export const nodeTypes = { block: BlockNode, loop: LoopNode } satisfies NodeTypes;
