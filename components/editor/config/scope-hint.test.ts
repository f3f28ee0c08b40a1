import { describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '@/engine/types';

import { namesInScope } from './scope-hint';

const graph: WorkflowGraph = {
  nodes: [
    { id: 'orders', type: 'query', config: { table: 'orders', outputKey: 'orders' } },
    { id: 'each', type: 'loop', config: { items: 'vars.orders', as: 'order' } },
    {
      id: 'save',
      type: 'write',
      parentId: 'each',
      config: { table: 'audit', operation: 'insert', outputKey: 'saved' },
    },
    { id: 'done', type: 'output', config: { value: 'vars' } },
  ],
  edges: [],
};

describe('names in scope', () => {
  it('lists vars, input and the output keys of other blocks', () => {
    expect(namesInScope(graph, 'done')).toEqual(['vars', 'input', 'vars.orders', 'vars.saved']);
  });

  it('adds the loop item name and index inside a loop body', () => {
    expect(namesInScope(graph, 'save')).toEqual(['vars', 'input', 'order', 'index', 'vars.orders']);
  });

  it('keeps a key the block shares with another writer', () => {
    const shared: WorkflowGraph = {
      nodes: [
        { id: 'first', type: 'js', config: { code: 'return 1;', outputKey: 'total' } },
        { id: 'second', type: 'js', config: { code: 'return 2;', outputKey: 'total' } },
        { id: 'other', type: 'js', config: { code: 'return 3;', outputKey: 'count' } },
      ],
      edges: [],
    };

    expect(namesInScope(shared, 'first')).toEqual(['vars', 'input', 'vars.count', 'vars.total']);
    expect(namesInScope(shared, 'other')).toEqual(['vars', 'input', 'vars.total']);
  });

  it('reads the keys of a changed graph', () => {
    const edited: WorkflowGraph = {
      ...graph,
      nodes: graph.nodes.map((node) =>
        node.id === 'orders' ? { ...node, config: { ...node.config, outputKey: 'rows' } } : node,
      ),
    };

    expect(namesInScope(graph, 'done')).toEqual(['vars', 'input', 'vars.orders', 'vars.saved']);
    expect(namesInScope(edited, 'done')).toEqual(['vars', 'input', 'vars.rows', 'vars.saved']);
  });
});
