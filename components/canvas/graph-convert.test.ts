import { describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '@/engine/types';

import { flowToGraph, graphToFlow, sortParentsFirst } from './graph-convert';
import { EMPTY_LOOP_SIZE } from './loop-frame';

const graph: WorkflowGraph = {
  nodes: [
    {
      id: 'save',
      type: 'write',
      name: 'Save',
      position: { x: 20, y: 60 },
      parentId: 'each',
      config: { table: 'orders', operation: 'insert', outputKey: 'saved' },
    },
    { id: 'start', type: 'input', name: 'Start', position: { x: 0, y: 0 }, config: {} },
    { id: 'check', type: 'branch', position: { x: 0, y: 120 }, config: { condition: 'input.ok' } },
    { id: 'each', type: 'loop', position: { x: 300, y: 120 }, config: { items: 'input.list' } },
    { id: 'done', type: 'output', position: { x: 0, y: 400 }, config: { value: 'vars' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'check' },
    { id: 'e2', source: 'check', target: 'each', label: 'true' },
    { id: 'e3', source: 'check', target: 'done', label: 'false' },
  ],
};

describe('graph conversion', () => {
  it('round-trips an engine graph through React Flow', () => {
    const { nodes, edges } = graphToFlow(graph);

    const back = flowToGraph(nodes, edges);

    const byId = (list: WorkflowGraph['nodes']) =>
      [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(back.nodes)).toEqual(byId(graph.nodes));
    expect(back.edges).toEqual(graph.edges);
  });

  it('puts a loop before its body blocks', () => {
    const { nodes } = graphToFlow(graph);

    const ids = nodes.map((node) => node.id);

    expect(ids.indexOf('each')).toBeLessThan(ids.indexOf('save'));
  });

  it('makes loops group nodes and body blocks their children', () => {
    const { nodes } = graphToFlow(graph);

    const loop = nodes.find((node) => node.id === 'each')!;
    const body = nodes.find((node) => node.id === 'save')!;

    expect(loop.type).toBe('loop');
    expect(body.type).toBe('block');
    expect(body.parentId).toBe('each');
    expect(loop.style?.width).toBeGreaterThanOrEqual(EMPTY_LOOP_SIZE.width);
  });

  it('maps branch labels to source handles and back', () => {
    const { edges } = graphToFlow(graph);

    const taken = edges.find((edge) => edge.id === 'e2')!;
    const plain = edges.find((edge) => edge.id === 'e1')!;

    expect(taken.sourceHandle).toBe('true');
    expect(taken.label).toBe('true');
    expect(plain.sourceHandle).toBeUndefined();
    expect(flowToGraph([], [{ ...taken, label: undefined }]).edges[0]!.label).toBe('true');
  });

  it('rounds positions of dragged nodes', () => {
    const { nodes } = graphToFlow({ nodes: [graph.nodes[1]!], edges: [] });
    nodes[0]!.position = { x: 10.4, y: 20.6 };

    const back = flowToGraph(nodes, []);

    expect(back.nodes[0]!.position).toEqual({ x: 10, y: 21 });
  });

  it('sorts nested loops parent first whatever the input order', () => {
    const nodes = [{ id: 'c', parentId: 'b' }, { id: 'b', parentId: 'a' }, { id: 'a' }];

    expect(sortParentsFirst(nodes).map((node) => node.id)).toEqual(['a', 'b', 'c']);
  });
});
