import { describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '@/engine/types';

import {
  addBlock,
  connect,
  connectionProblem,
  moveBlocks,
  nextBlockId,
  removeElements,
  reparentBlock,
  updateBlock,
} from './graph-edits';

const base: WorkflowGraph = {
  nodes: [
    { id: 'start', type: 'input', position: { x: 0, y: 0 }, config: {} },
    { id: 'check', type: 'branch', position: { x: 0, y: 100 }, config: { condition: 'true' } },
    { id: 'each', type: 'loop', position: { x: 0, y: 200 }, config: { items: '[]' } },
    {
      id: 'inner',
      type: 'js',
      parentId: 'each',
      position: { x: 10, y: 50 },
      config: { code: 'return 1', outputKey: 'inner' },
    },
    { id: 'done', type: 'output', position: { x: 0, y: 300 }, config: { value: 'vars' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'check' },
    { id: 'e2', source: 'check', target: 'each', label: 'true' },
    { id: 'e3', source: 'each', target: 'done' },
  ],
};

describe('graph edits', () => {
  it('names new blocks after their type with the first free number', () => {
    const graph = {
      nodes: [{ id: 'query1', type: 'query' as const, config: base.nodes[0]!.config }],
      edges: [],
    };

    expect(nextBlockId('query', graph as WorkflowGraph)).toBe('query2');
    expect(nextBlockId('http', graph as WorkflowGraph)).toBe('http1');
  });

  it('adds a block with its default config and output key', () => {
    const { graph, id } = addBlock(base, 'query', { x: 5, y: 6 });

    const added = graph.nodes.find((node) => node.id === id)!;

    expect(id).toBe('query1');
    expect(added.config).toEqual({ table: '', filters: [], limit: 100, outputKey: 'query1' });
    expect(added.position).toEqual({ x: 5, y: 6 });
    expect(added.parentId).toBeUndefined();
  });

  it('adds a block inside a loop body', () => {
    const { graph, id } = addBlock(base, 'js', { x: 5, y: 6 }, 'each');

    expect(graph.nodes.find((node) => node.id === id)!.parentId).toBe('each');
  });

  it('removes a loop with its body and every edge touching them', () => {
    const graph = removeElements(base, ['each']);

    expect(graph.nodes.map((node) => node.id)).toEqual(['start', 'check', 'done']);
    expect(graph.edges.map((edge) => edge.id)).toEqual(['e1']);
  });

  it('removes single edges and keeps untouched objects', () => {
    const graph = removeElements(base, [], ['e3']);

    expect(graph.edges.map((edge) => edge.id)).toEqual(['e1', 'e2']);
    expect(graph.nodes[0]).toBe(base.nodes[0]);
  });

  it('labels an edge from a branch handle', () => {
    const graph = connect(base, { source: 'check', target: 'done', sourceHandle: 'false' });

    expect(graph.edges.at(-1)).toEqual({
      id: 'e-check-false-done',
      source: 'check',
      target: 'done',
      label: 'false',
    });
  });

  it.each([
    [{ source: 'done', target: 'done' }, 'A block cannot connect to itself.'],
    [{ source: 'start', target: 'check' }, 'These blocks are already connected.'],
    [{ source: 'done', target: 'start' }, 'This connection would create a cycle.'],
    [
      { source: 'start', target: 'inner' },
      'Blocks connect only within the same loop body, or both outside any loop.',
    ],
  ])('rejects the connection %o', (request, message) => {
    expect(connectionProblem(base, request)).toBe(message);
    expect(connect(base, request)).toBe(base);
  });

  it('updates one block and keeps the others', () => {
    const graph = updateBlock(base, 'done', { name: 'Result', config: { value: 'vars.x' } });

    expect(graph.nodes[4]).toMatchObject({ name: 'Result', config: { value: 'vars.x' } });
    expect(graph.nodes[0]).toBe(base.nodes[0]);
  });

  it('returns the same graph when no block moved', () => {
    expect(moveBlocks(base, new Map([['start', { x: 0, y: 0 }]]))).toBe(base);
    expect(moveBlocks(base, new Map([['start', { x: 1, y: 0 }]])).nodes[0]!.position).toEqual({
      x: 1,
      y: 0,
    });
  });

  it('moves a block into a loop and drops edges that cross the loop boundary', () => {
    const graph = reparentBlock(base, 'done', 'each', { x: 10, y: 150 });

    expect(graph.nodes.find((node) => node.id === 'done')).toMatchObject({
      parentId: 'each',
      position: { x: 10, y: 150 },
    });
    expect(graph.edges.map((edge) => edge.id)).toEqual(['e1', 'e2']);
  });

  it('moves a body block out of its loop', () => {
    const graph = reparentBlock(base, 'inner', undefined, { x: 400, y: 400 });

    expect(graph.nodes.find((node) => node.id === 'inner')!.parentId).toBeUndefined();
  });
});
