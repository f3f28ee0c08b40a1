import { describe, expect, it } from 'vitest';

import { block, edge } from '../test/fixtures/engine-run';
import { validateGraph } from './validate';

describe('validateGraph', () => {
  it('accepts a valid graph', () => {
    const graph = {
      nodes: [
        block('in', 'input', {}),
        block('decide', 'branch', { condition: 'input.ok' }),
        block('each', 'loop', { items: '[1, 2]' }),
        block('body', 'js', { code: 'return item;', outputKey: 'body' }, { parentId: 'each' }),
        block('out', 'output', { value: 'vars.body' }),
      ],
      edges: [edge('in', 'decide'), edge('decide', 'each', 'true'), edge('decide', 'out', 'false')],
    };

    expect(validateGraph(graph)).toEqual([]);
  });

  it('reports every problem of a broken graph at once', () => {
    const graph = {
      nodes: [
        block('a', 'js', { code: 'return (;', outputKey: 'shared' }),
        block('b', 'query', {
          table: 'orders',
          limit: 20_000,
          outputKey: 'shared',
          filters: [{ column: 'x', op: 'like' as never, value: '1' }],
        }),
        block('a', 'output', { value: '1' }),
        { id: 'c', type: 'teleport', config: {} },
        block('d', 'branch', { condition: 'vars.x >' }),
        block('e', 'write', {
          table: 'orders',
          operation: 'update',
          values: { n: '1' },
          outputKey: 'written',
        }),
        block('f', 'http', { method: 'FETCH', url: '', outputKey: 'reply' } as never),
        block('g', 'loop', { items: '[]', as: 'index' }),
        block('h', 'js', { code: 'return 1;', outputKey: 'h' }, { parentId: 'a' }),
        block('', 'output', { value: '1' }),
        block('x'.repeat(201), 'output', { value: '1' }),
      ],
      edges: [
        edge('a', 'b'),
        edge('b', 'a'),
        edge('a', 'a'),
        edge('d', 'e'),
        edge('e', 'ghost'),
        { id: 'e1', source: 'g', target: 'h' },
      ],
    };

    const problems = validateGraph(graph);

    expect(problems.map((problem) => problem.message)).toEqual([
      'Block "a": the id is used by nodes 0 and 2; give each block a unique id',
      'Block "c": unknown block type "teleport"; use one of input, query, write, js, http, branch, loop, output',
      'Node 9: the block id must be a non-empty string, got ""',
      `Node 10: the block id "${'x'.repeat(40)}..." is longer than 200 characters`,
      'JS block "h": parentId "a" is not a loop block of this graph; only loop blocks contain other blocks',
      'Edge "a->a": block "a" is connected to itself; remove the edge',
      'Edge "d->e" from branch block "d" needs the label "true" or "false", got none',
      'Edge "e->ghost" from block "e": target block "ghost" does not exist',
      'Edge "e1" connects block "g" in the top level to block "h" in the body of loop "a"; edges connect blocks of the same scope, and loop bodies read outer results through vars',
      'Blocks "a" → "b" → "a" form a cycle in the top level; blocks can only run in an acyclic order, so remove one of these edges (use a loop block to repeat blocks)',
      'JS block "a": code does not parse: Unexpected token \';\' (line 1, column 9)',
      'Query block "b": limit 20000 exceeds the maximum of 10,000; narrow the filters or lower the limit',
      'Query block "b": filters[0].op must be one of eq, neq, gt, gte, lt, lte, contains, in, isNull, notNull, got "like"',
      'Branch block "d": condition does not parse: Unexpected end of input',
      'Write block "e": rowId is required',
      'HTTP block "f": method must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got "FETCH"',
      'HTTP block "f": url is required',
      'Loop block "g": as must be a JavaScript identifier other than vars, input and index, got "index"',
      'Query block "b": outputKey "shared" is already written by block "a"; give each block its own outputKey',
    ]);
    expect(problems.find((problem) => problem.code === 'cycle')?.blockId).toBe('a');
    expect(problems.every((problem) => problem.code.length > 0)).toBe(true);
  });

  it.each([
    [null, 'The workflow graph must be an object with "nodes" and "edges" arrays, got null'],
    [[], 'The workflow graph must be an object with "nodes" and "edges" arrays, got array'],
    [{ nodes: {} }, 'The workflow graph\'s "nodes" must be an array, got object'],
    [{ nodes: [], edges: 'x' }, 'The workflow graph\'s "edges" must be an array, got string'],
  ])('rejects the shape %j', (graph, message) => {
    expect(validateGraph(graph).map((problem) => problem.message)).toEqual([message]);
  });

  it('rejects a graph of more than 5,000 blocks without checking each', () => {
    const nodes = Array.from({ length: 5001 }, (_, index) => ({
      id: `n${index}`,
      type: 'bogus',
      config: {},
    }));

    const problems = validateGraph({ nodes, edges: [] });

    expect(problems).toEqual([
      {
        code: 'graph_too_large',
        message:
          'The workflow graph has 5001 blocks, more than the maximum of 5000; split it into smaller workflows',
      },
    ]);
  });

  it('rejects a graph of more than 2 MB of JSON', () => {
    const graph = {
      nodes: [block('big', 'output', { value: `"${'x'.repeat(2_100_000)}"` })],
      edges: [],
    };

    expect(validateGraph(graph).map((problem) => problem.code)).toEqual(['graph_too_large']);
  });

  it('names every block of a longer cycle in order', () => {
    const graph = {
      nodes: ['p', 'q', 'r', 's'].map((id) =>
        block(id, 'js', { code: 'return 1;', outputKey: id }),
      ),
      edges: [edge('p', 'q'), edge('q', 'r'), edge('r', 's'), edge('s', 'q')],
    };

    const [problem] = validateGraph(graph);

    expect(problem).toMatchObject({ code: 'cycle', blockId: 'q' });
    expect(problem!.message).toContain(
      'Blocks "q" → "r" → "s" → "q" form a cycle in the top level',
    );
  });

  it('rejects an id with a control character', () => {
    const graph = { nodes: [block('a\nb', 'input', {})], edges: [] };

    expect(validateGraph(graph)[0]!.message).toBe(
      'Node 0: the block id "a\\nb" contains a control character',
    );
  });

  it('requires a value for filters other than isNull and notNull', () => {
    const graph = {
      nodes: [
        block('q', 'query', {
          table: 't',
          outputKey: 'rows',
          filters: [
            { column: 'a', op: 'eq' },
            { column: 'b', op: 'isNull' },
          ],
        }),
      ],
      edges: [],
    };

    expect(validateGraph(graph).map((problem) => problem.message)).toEqual([
      'Query block "q": filters[0].value is required',
    ]);
  });
});
