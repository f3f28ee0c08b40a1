import type { WorkflowGraph } from '@/engine/types';

import { outputKeyOf } from '@/components/canvas/block-meta';

/** Names an expression of `blockId` can read: `vars.<key>` per output key, input, loop names. */
export function namesInScope(graph: WorkflowGraph, blockId: string): string[] {
  const block = graph.nodes.find((node) => node.id === blockId);
  const keys = graph.nodes
    .filter((node) => node.id !== blockId)
    .map((node) => outputKeyOf(node.config))
    .filter((key): key is string => key !== undefined);
  const names = ['vars', 'input'];

  const loop = block?.parentId ? graph.nodes.find((node) => node.id === block.parentId) : undefined;
  if (loop?.type === 'loop') {
    const itemName = (loop.config as { as?: string }).as || 'item';
    names.push(itemName, 'index');
  }

  return [...names, ...[...new Set(keys)].sort().map((key) => `vars.${key}`)];
}
