import { describe, expect, it } from 'vitest';

import { describeIssues } from '@/lib/action-result';

import { graphSchema, MAX_GRAPH_NODES } from './graph-schema';

describe('graph schema', () => {
  it('accepts a graph and drops unknown keys', () => {
    const parsed = graphSchema.parse({
      nodes: [
        { id: 'a', type: 'js', config: { code: 'return 1', outputKey: 'a' }, selected: true },
      ],
      edges: [],
      extra: 1,
    });

    expect(parsed).toEqual({
      nodes: [{ id: 'a', type: 'js', config: { code: 'return 1', outputKey: 'a' } }],
      edges: [],
    });
  });

  it('rejects an unknown block type naming the block', () => {
    const result = graphSchema.safeParse({
      nodes: [{ id: 'a', type: 'sql', config: {} }],
      edges: [],
    });

    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toBe(
      'Block "a": unknown block type "sql"; use one of input, query, write, js, http, branch, loop, output',
    );
  });

  it('rejects more blocks than the limit', () => {
    const nodes = Array.from({ length: MAX_GRAPH_NODES + 1 }, (_, i) => ({
      id: `b${i}`,
      type: 'output',
      config: { value: '1' },
    }));

    const result = graphSchema.safeParse({ nodes, edges: [] });

    expect(describeIssues(result.error!)).toBe('nodes: at most 500 blocks');
  });
});
