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
});
