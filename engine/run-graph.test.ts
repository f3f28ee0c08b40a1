import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openEngineDatabase, type EngineDatabase } from '../test/fixtures/engine-database';
import { block, chain, edge, runOn, stepOf } from '../test/fixtures/engine-run';
import type { StepTrace } from './types';

let database: EngineDatabase;

beforeAll(async () => {
  database = await openEngineDatabase('run-graph');
  await database.createTable(
    'orders',
    [
      { name: 'customer', type: 'text' },
      { name: 'freight', type: 'number' },
    ],
    [
      { customer: 'alfki', freight: 12 },
      { customer: 'bonap', freight: 640 },
      { customer: 'alfki', freight: 80 },
    ],
  );
});

afterAll(async () => {
  await database?.close();
});

describe('runGraph', () => {
  it('runs blocks in order and returns the output block value', async () => {
    const graph = {
      nodes: [
        block('in', 'input', {}),
        block('orders', 'query', {
          table: 'orders',
          filters: [{ column: 'customer', op: 'eq', value: 'input.customer' }],
          sort: [{ column: 'freight', direction: 'desc' }],
          outputKey: 'orders',
        }),
        block('total', 'js', {
          code: 'return vars.orders.reduce((sum, o) => sum + o.freight, 0);',
          outputKey: 'total',
        }),
        block('out', 'output', { value: '({ count: vars.orders.length, total: vars.total })' }),
      ],
      edges: chain('in', 'orders', 'total', 'out'),
    };

    const result = await runOn({ database, graph, input: { customer: 'alfki' } });

    expect(result.status).toBe('success');
    expect(result.output).toEqual({ count: 2, total: 92 });
    expect(result.executionTrace.steps.map((step) => step.blockId)).toEqual([
      'in',
      'orders',
      'total',
      'out',
    ]);
    expect(stepOf(result, 'orders').inputs).toEqual({
      table: 'orders',
      filters: [{ column: 'customer', op: 'eq', value: 'alfki' }],
      sort: [{ column: 'freight', direction: 'desc' }],
      limit: 100,
      single: false,
    });
    expect(result.assignments.map((assignment) => assignment.key)).toEqual(['orders', 'total']);
  });

  it('skips the branch not taken and runs the join', async () => {
    const graph = {
      nodes: [
        block('decide', 'branch', { condition: 'input.amount > 100' }),
        block('big', 'js', { code: 'return "big";', outputKey: 'big' }),
        block('small', 'js', { code: 'return "small";', outputKey: 'small' }),
        block('after', 'js', { code: 'return "after";', outputKey: 'after' }),
        block('join', 'output', { value: 'vars.big ?? vars.small' }),
      ],
      edges: [
        edge('decide', 'big', 'true'),
        edge('decide', 'small', 'false'),
        edge('small', 'after'),
        edge('big', 'join'),
        edge('small', 'join'),
      ],
    };

    const result = await runOn({ database, graph, input: { amount: 500 } });

    expect(result.output).toBe('big');
    expect(stepOf(result, 'decide').output).toBe(true);
    expect(stepOf(result, 'small')).toMatchObject({
      status: 'skipped',
      skipReason: 'branch not taken',
    });
    expect(stepOf(result, 'after')).toMatchObject({
      status: 'skipped',
      skipReason: 'branch not taken',
    });
    expect(stepOf(result, 'join').status).toBe('executed');
    expect(result.executionTrace.metrics.skippedCount).toBe(2);
  });

  it('skips a block whose condition is false with the value as detail', async () => {
    const graph = {
      nodes: [
        block('maybe', 'js', { code: 'return 1;', outputKey: 'maybe', condition: 'input.flag' }),
        block('next', 'output', { value: 'vars.maybe ?? "none"' }),
      ],
      edges: chain('maybe', 'next'),
    };

    const result = await runOn({ database, graph, input: { flag: 0 } });

    expect(stepOf(result, 'maybe')).toMatchObject({
      status: 'skipped',
      skipReason: 'condition false',
      skipDetail: 0,
    });
    expect(result.output).toBe('none');
  });

  it('runs a loop body per item and collects the last body output', async () => {
    const graph = {
      nodes: [
        block('each', 'loop', { items: 'input.numbers', as: 'n', outputKey: 'squares' }),
        block(
          'square',
          'js',
          { code: 'return n * n + index;', outputKey: 'square' },
          { parentId: 'each' },
        ),
        block('out', 'output', { value: 'vars.squares' }),
      ],
      edges: chain('each', 'out'),
    };

    const result = await runOn({ database, graph, input: { numbers: [2, 3, 4] } });

    expect(result.output).toEqual([4, 10, 18]);
    const squareSteps = result.executionTrace.steps.filter((step) => step.blockId === 'square');
    expect(squareSteps.map((step) => step.iteration)).toEqual([0, 1, 2]);
    const loopStep = stepOf(result, 'each');
    expect(loopStep.index).toBeGreaterThan(squareSteps[2]!.index);
    expect(loopStep.startOffsetMs).toBeLessThanOrEqual(squareSteps[0]!.startOffsetMs);
  });

  it('fails a loop whose items are not an array', async () => {
    const graph = { nodes: [block('each', 'loop', { items: 'input' })], edges: [] };

    const result = await runOn({ database, graph, input: { a: 1 } });

    expect(result.status).toBe('error');
    expect(result.executionTrace.error).toEqual({
      kind: 'block',
      blockId: 'each',
      message: 'Loop block "each": items must be an array, got object',
    });
    expect(stepOf(result, 'each')).toMatchObject({
      status: 'error',
      error: 'Loop block "each": items must be an array, got object',
    });
  });

  it('names the table and column of an unknown column', async () => {
    const graph = {
      nodes: [
        block('q1', 'query', {
          table: 'orders',
          filters: [{ column: 'freigth', op: 'gt', value: '500' }],
          outputKey: 'rows',
        }),
      ],
      edges: [],
    };

    const result = await runOn({ database, graph });

    expect(result.executionTrace.error?.message).toBe(
      'Query block "q1": unknown column "freigth" in table "orders"',
    );
  });

  it('names the filter value that is not a number', async () => {
    const graph = {
      nodes: [
        block('q1', 'query', {
          table: 'orders',
          filters: [{ column: 'freight', op: 'gt', value: '"abc"' }],
          outputKey: 'rows',
        }),
      ],
      edges: [],
    };

    const result = await runOn({ database, graph });

    expect(result.executionTrace.error?.message).toBe(
      'Query block "q1": filter on "freight": "abc" is not a number',
    );
  });

  it('names an unknown table', async () => {
    const graph = {
      nodes: [block('q1', 'query', { table: 'ordrs', outputKey: 'rows' })],
      edges: [],
    };

    const result = await runOn({ database, graph });

    expect(result.executionTrace.error?.message).toBe(
      'Query block "q1": unknown table "ordrs"; check the name or create the table',
    );
  });

  it('reports json operators and sorts as validation problems', async () => {
    await database.createTable('docs', [{ name: 'body', type: 'json' }]);
    const graph = {
      nodes: [
        block('q1', 'query', {
          table: 'docs',
          filters: [{ column: 'body', op: 'gt', value: '1' }],
          sort: [{ column: 'body', direction: 'asc' }],
          outputKey: 'rows',
        }),
      ],
      edges: [],
    };

    const result = await runOn({ database, graph });

    expect(result.executionTrace.error?.kind).toBe('validation');
    expect(result.executionTrace.error?.problems?.map((problem) => problem.message)).toEqual([
      'Query block "q1": filters[0] uses "gt" on json column "body"; json columns support eq, neq, contains, isNull, notNull',
      'Query block "q1": sort[0] sorts by json column "body"; sort by a text, number, boolean or date column',
    ]);
    expect(result.executionTrace.steps).toEqual([]);
  });

  it('truncates large outputs in the trace but not in the assignments', async () => {
    const graph = {
      nodes: [block('big', 'js', { code: 'return "x".repeat(70000);', outputKey: 'big' })],
      edges: [],
    };

    const result = await runOn({ database, graph });

    const output = stepOf(result, 'big').output as {
      truncated: boolean;
      size: number;
      preview: string;
    };
    expect(output.truncated).toBe(true);
    expect(output.size).toBe(70_002);
    expect(output.preview).toHaveLength(2048);
    expect((result.assignments[0]!.value as string).length).toBe(70_000);
  });

  it('leaves the caller input unfrozen', async () => {
    const input = { nested: { count: 1 } };
    const graph = { nodes: [block('in', 'input', {})], edges: [] };

    await runOn({ database, graph, input });

    expect(Object.isFrozen(input.nested)).toBe(false);
  });

  it('leaves values out of the trace without debug', async () => {
    const graph = {
      nodes: [block('log', 'js', { code: 'console.log("x"); return 42;', outputKey: 'answer' })],
      edges: [],
    };

    const result = await runOn({ database, graph, options: { debug: false } });

    const step = stepOf(result, 'log');
    expect(step.status).toBe('executed');
    expect(step.output).toBeUndefined();
    expect(step.logs).toBeUndefined();
    expect(step.jsTimeMs).toBeGreaterThan(0);
    expect(result.assignments).toEqual([{ stepIndex: 0, key: 'answer', value: 42 }]);
  });

  it('reports every step to the callbacks as it happens', async () => {
    const started: Array<[string, number | undefined]> = [];
    const recorded: StepTrace[] = [];
    const graph = {
      nodes: [
        block('each', 'loop', { items: '[1, 2]' }),
        block('body', 'js', { code: 'return item;', outputKey: 'body' }, { parentId: 'each' }),
      ],
      edges: [],
    };

    const result = await runOn({
      database,
      graph,
      context: {
        onStepStart: (blockId, iteration) => started.push([blockId, iteration]),
        onStep: (step) => recorded.push(step),
      },
    });

    expect(started).toEqual([
      ['each', undefined],
      ['body', 0],
      ['body', 1],
    ]);
    expect(recorded).toEqual(result.executionTrace.steps);
  });

  it('measures time in the database and the sandbox within the step', async () => {
    const graph = {
      nodes: [
        block('q', 'query', { table: 'orders', outputKey: 'rows' }),
        block('js', 'js', {
          code: 'let s = 0; for (let i = 0; i < 1e5; i++) s += i; return s;',
          outputKey: 's',
        }),
      ],
      edges: chain('q', 'js'),
    };

    const result = await runOn({ database, graph });

    const query = stepOf(result, 'q');
    const js = stepOf(result, 'js');
    expect(query.dbTimeMs).toBeGreaterThan(0);
    expect(query.dbTimeMs).toBeLessThanOrEqual(query.durationMs);
    expect(js.jsTimeMs).toBeGreaterThan(0);
    expect(js.jsTimeMs).toBeLessThanOrEqual(js.durationMs);
    expect(result.executionTrace.metrics.dbTimeMs).toBe(query.dbTimeMs);
    expect(result.executionTrace.metrics.queryCount).toBe(1);
  });
});
