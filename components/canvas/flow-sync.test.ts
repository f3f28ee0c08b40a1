import { describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '@/engine/types';

import { reconcileEdges, reconcileNodes } from './flow-sync';
import { graphToFlow } from './graph-convert';
import { updateBlock } from './graph-edits';

const graph: WorkflowGraph = {
  nodes: [
    { id: 'a', type: 'js', position: { x: 0, y: 0 }, config: { code: '', outputKey: 'a' } },
    { id: 'b', type: 'output', position: { x: 0, y: 100 }, config: { value: 'vars.a' } },
  ],
  edges: [{ id: 'e1', source: 'a', target: 'b' }],
};

describe('flow reconciliation', () => {
  it('reuses unchanged nodes and keeps measurements of changed ones', () => {
    const { nodes } = graphToFlow(graph);
    const measured = nodes.map((node) => ({
      ...node,
      measured: { width: 220, height: 60 },
      selected: node.id === 'b',
    }));

    const next = reconcileNodes(measured, updateBlock(graph, 'b', { config: { value: '1' } }));

    expect(next[0]).toBe(measured[0]);
    expect(next[1]).not.toBe(measured[1]);
    expect(next[1]!.measured).toEqual({ width: 220, height: 60 });
    expect(next[1]!.selected).toBe(true);
    expect(next[1]!.data.config).toEqual({ value: '1' });
  });

  it('reuses unchanged edges and drops removed ones', () => {
    const { edges } = graphToFlow(graph);

    const same = reconcileEdges(edges, graph);
    const removed = reconcileEdges(edges, { ...graph, edges: [] });

    expect(same[0]).toBe(edges[0]);
    expect(removed).toEqual([]);
  });
});
