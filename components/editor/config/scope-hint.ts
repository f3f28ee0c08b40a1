import type { WorkflowGraph } from '@/engine/types';

import { outputKeyOf } from '@/components/canvas/block-meta';

interface OutputKeyIndex {
  /** Distinct output keys of the graph, sorted. */
  sortedKeys: string[];
  /** Number of blocks that write each output key. */
  writerCounts: Map<string, number>;
}

/** Indexes by graph object. Graphs are immutable, so an index stays valid for every selection. */
const indexes = new WeakMap<WorkflowGraph, OutputKeyIndex>();

function outputKeyIndexOf(graph: WorkflowGraph): OutputKeyIndex {
  const cached = indexes.get(graph);
  if (cached) return cached;

  const writerCounts = new Map<string, number>();
  for (const node of graph.nodes) {
    const key = outputKeyOf(node.config);
    if (key !== undefined) writerCounts.set(key, (writerCounts.get(key) ?? 0) + 1);
  }
  const index = { sortedKeys: [...writerCounts.keys()].sort(), writerCounts };
  indexes.set(graph, index);
  return index;
}

/** Names an expression of `blockId` can read: `vars.<key>` per output key, input, loop names. */
export function namesInScope(graph: WorkflowGraph, blockId: string): string[] {
  const block = graph.nodes.find((node) => node.id === blockId);
  const { sortedKeys, writerCounts } = outputKeyIndexOf(graph);
  const ownKey = block ? outputKeyOf(block.config) : undefined;
  // The block's own key is in scope only when another block writes it too.
  const isOwnKeyOnly = ownKey !== undefined && writerCounts.get(ownKey) === 1;
  const keys = isOwnKeyOnly ? sortedKeys.filter((key) => key !== ownKey) : sortedKeys;
  const names = ['vars', 'input'];

  const loop = block?.parentId ? graph.nodes.find((node) => node.id === block.parentId) : undefined;
  if (loop?.type === 'loop') {
    const itemName = (loop.config as { as?: string }).as || 'item';
    names.push(itemName, 'index');
  }

  return [...names, ...keys.map((key) => `vars.${key}`)];
}
