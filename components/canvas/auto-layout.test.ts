import { describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '@/engine/types';

import { autoLayout } from './auto-layout';
import { BLOCK_SIZE } from './loop-frame';

const graph: WorkflowGraph = {
  nodes: [
    { id: 'start', type: 'input', position: { x: 500, y: 500 }, config: {} },
    { id: 'each', type: 'loop', position: { x: 0, y: 0 }, config: { items: 'input.list' } },
    {
      id: 'first',
      type: 'js',
      parentId: 'each',
      position: { x: 900, y: 0 },
      config: { code: '', outputKey: 'first' },
    },
    {
      id: 'second',
      type: 'js',
      parentId: 'each',
      position: { x: 0, y: 0 },
      config: { code: '', outputKey: 'second' },
    },
    { id: 'done', type: 'output', position: { x: 0, y: 0 }, config: { value: 'vars' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'each' },
    { id: 'e2', source: 'each', target: 'done' },
    { id: 'e3', source: 'first', target: 'second' },
  ],
};

describe('auto layout', () => {
  const laidOut = autoLayout(graph);
  const position = (id: string) => laidOut.nodes.find((node) => node.id === id)!.position!;

  it('places every edge target below its source', () => {
    expect(position('each').y).toBeGreaterThan(position('start').y + BLOCK_SIZE.height);
    expect(position('done').y).toBeGreaterThan(position('each').y + BLOCK_SIZE.height);
    expect(position('second').y).toBeGreaterThan(position('first').y + BLOCK_SIZE.height);
  });

  it('lays out a loop body inside its frame', () => {
    expect(position('first').x).toBeGreaterThan(0);
    expect(position('first').y).toBeGreaterThan(0);
    expect(position('first').x).toBeLessThan(200);
  });

  it('keeps ids, config and edges', () => {
    expect(laidOut.edges).toBe(graph.edges);
    expect(laidOut.nodes.map((node) => node.config)).toEqual(graph.nodes.map((n) => n.config));
  });
});
