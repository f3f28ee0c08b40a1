import { describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '@/engine/types';

import { blockRect, findDropTarget, findFreeSpot } from './placement';

const graph: WorkflowGraph = {
  nodes: [
    { id: 'a', type: 'js', position: { x: 0, y: 0 }, config: { code: '', outputKey: 'a' } },
    { id: 'loop', type: 'loop', position: { x: 0, y: 300 }, config: { items: '[]' } },
    {
      id: 'inner',
      type: 'js',
      parentId: 'loop',
      position: { x: 24, y: 44 },
      config: { code: '', outputKey: 'inner' },
    },
  ],
  edges: [],
};

describe('placement', () => {
  it('keeps the preferred spot when it is free', () => {
    expect(findFreeSpot(graph, { x: 1000, y: 1000 })).toEqual({ x: 1000, y: 1000 });
  });

  it('moves away from a block at the preferred spot', () => {
    const spot = findFreeSpot(graph, { x: 0, y: 0 });

    const rect = { ...spot, width: 220, height: 76 };
    const overlapsA = rect.x < 220 && rect.y < 76;
    expect(overlapsA).toBe(false);
  });

  it('searches only the given loop body and stays inside its frame', () => {
    const spot = findFreeSpot(graph, { x: 0, y: 0 }, 'loop');

    expect(spot.x).toBeGreaterThanOrEqual(24);
    expect(spot.y).toBeGreaterThanOrEqual(44);
    expect(spot).not.toEqual({ x: 24, y: 44 });
  });

  it('sizes a loop frame around its body', () => {
    const rect = blockRect(graph.nodes[1]!, graph);

    expect(rect.width).toBeGreaterThanOrEqual(24 + 220);
    expect(rect.height).toBeGreaterThanOrEqual(44 + 76);
  });

  it('drops into the innermost loop containing the point', () => {
    const loops = [
      { id: 'outer', rect: { x: 0, y: 0, width: 600, height: 600 } },
      { id: 'inner', rect: { x: 100, y: 100, width: 200, height: 200 } },
    ];

    expect(findDropTarget({ x: 150, y: 150 }, loops, new Set())).toBe('inner');
    expect(findDropTarget({ x: 50, y: 50 }, loops, new Set())).toBe('outer');
    expect(findDropTarget({ x: 700, y: 50 }, loops, new Set())).toBeUndefined();
    expect(findDropTarget({ x: 150, y: 150 }, loops, new Set(['inner']))).toBe('outer');
  });
});
