import { describe, expect, it } from 'vitest';

import { styleEdges } from './edge-style';

const edges = [
  { id: 'taken', source: 'a', target: 'b' },
  { id: 'untaken', source: 'a', target: 'c' },
  { id: 'pending', source: 'c', target: 'd' },
];

describe('edge styles', () => {
  it('returns the same edges without a run', () => {
    expect(styleEdges(edges, null)).toBe(edges);
  });

  it('marks taken and untaken edges', () => {
    const styled = styleEdges(edges, {
      blocks: new Map(),
      takenEdgeIds: new Set(['taken']),
      untakenEdgeIds: new Set(['untaken']),
    });

    expect(styled.map((edge) => edge.className)).toEqual([
      'edge--taken',
      'edge--untaken',
      undefined,
    ]);
    expect(styled[2]).toBe(edges[2]);
  });
});
