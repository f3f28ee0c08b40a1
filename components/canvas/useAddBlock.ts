'use client';

import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';

import type { BlockType } from '@/engine/types';

import { useDebuggerStore } from '@/components/debugger/useDebuggerStore';

import { dropParentFor, relativeTo } from './drop-target';
import type { FlowEdge, FlowNode } from './flow-types';
import { addBlock } from './graph-edits';
import { BLOCK_SIZE, LOOP_HEADER, LOOP_PADDING } from './loop-frame';
import { findFreeSpot } from './placement';

/** Where a palette drop landed, in screen coordinates. */
export interface ScreenPoint {
  clientX: number;
  clientY: number;
}

/**
 * Returns a function that adds a block and selects it. Dropped at a screen point, it lands there
 * (inside a loop when the point is in one); clicked, it lands at a free spot near the middle of
 * the view, or in the body of the selected loop.
 */
export function useAddBlock(): (type: BlockType, at?: ScreenPoint) => void {
  const store = useDebuggerStore();
  const { screenToFlowPosition, getInternalNode } = useReactFlow<FlowNode, FlowEdge>();
  const flowStore = useStoreApi<FlowNode, FlowEdge>();

  const viewCenter = useCallback(() => {
    const { width, height, transform } = flowStore.getState();
    const [x, y, zoom] = transform;
    return {
      x: Math.round((width / 2 - x) / zoom - BLOCK_SIZE.width / 2),
      y: Math.round((height / 2 - y) / zoom - BLOCK_SIZE.height / 2),
    };
  }, [flowStore]);

  return useCallback(
    (type, at) => {
      const state = store.getState();
      if (state.readOnly) return;

      let parentId: string | undefined;
      let position: { x: number; y: number };

      if (at) {
        const point = screenToFlowPosition({ x: at.clientX, y: at.clientY });
        const topLeft = { x: point.x - BLOCK_SIZE.width / 2, y: point.y - BLOCK_SIZE.height / 2 };
        parentId = dropParentFor(state.graph, null, topLeft, getInternalNode);
        position = relativeTo(parentId, topLeft, getInternalNode);
      } else {
        const selected = state.graph.nodes.find((node) => node.id === state.selectedBlockId);
        parentId = selected?.type === 'loop' ? selected.id : undefined;
        const preferred = parentId ? { x: LOOP_PADDING, y: LOOP_HEADER } : viewCenter();
        position = findFreeSpot(state.graph, preferred, parentId);
      }

      const added = addBlock(state.graph, type, position, parentId);
      store.commitGraph(added.graph);
      store.selectBlock(added.id);
    },
    [store, screenToFlowPosition, getInternalNode, viewCenter],
  );
}
