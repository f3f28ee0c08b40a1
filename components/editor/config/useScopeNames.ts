'use client';

import { useMemo } from 'react';

import { useGraph } from '@/components/debugger/useGraph';

import { namesInScope } from './scope-hint';

/** Names an expression of the block can read, recomputed when the graph changes. */
export function useScopeNames(blockId: string): string[] {
  const graph = useGraph();
  return useMemo(() => namesInScope(graph, blockId), [graph, blockId]);
}
