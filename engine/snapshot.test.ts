import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openEngineDatabase, type EngineDatabase } from '../test/fixtures/engine-database';
import { block, chain, runOn, stepOf, stepsOf } from '../test/fixtures/engine-run';
import type { RunResult, WorkflowGraph } from './types';

let database: EngineDatabase;

beforeAll(async () => {
  database = await openEngineDatabase('snapshot');
  await database.createTable(
    'orders',
    [
      { name: 'customer', type: 'text' },
      { name: 'freight', type: 'number' },
    ],
    [
      { customer: 'alfki', freight: 30 },
      { customer: 'alfki', freight: 70 },
    ],
  );
});

afterAll(async () => {
  await database?.close();
});

const GRAPH: WorkflowGraph = {
  nodes: [
    block('orders', 'query', {
      table: 'orders',
      filters: [{ column: 'customer', op: 'eq', value: 'input.customer' }],
      outputKey: 'orders',
    }),
    block('total', 'js', {
      code: 'return vars.orders.reduce((sum, o) => sum + o.freight, 0);',
      outputKey: 'total',
    }),
    block('double', 'js', { code: 'return vars.total * 2;', outputKey: 'double' }),
    block('out', 'output', { value: 'vars.double' }),
  ],
  edges: chain('orders', 'total', 'double', 'out'),
};

/** Applies the assignments up to `checkpointStep` in order, giving the variables after it. */
function varsAfter(result: RunResult, checkpointStep: number): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const assignment of result.assignments) {
    if (assignment.stepIndex <= checkpointStep) vars[assignment.key] = assignment.value;
  }
  return vars;
}

describe('snapshot mode', () => {
  it('skips blocks whose output the checkpoint holds and reuses the values', async () => {
    const source = await runOn({ database, graph: GRAPH, input: { customer: 'alfki' } });
    const checkpointStep = stepOf(source, 'total').index;
    const snapshot = { sourceRunId: source.executionTrace.runId, checkpointStep };
    const vars: Record<string, unknown> = { ...varsAfter(source, checkpointStep), total: 1000 };

    const replay = await runOn({
      database,
      graph: GRAPH,
      mode: 'snapshot',
      input: { input: { customer: 'alfki' }, vars },
      options: { snapshot },
    });

    expect(replay.status).toBe('success');
    expect(replay.output).toBe(2000);
    expect(stepOf(replay, 'orders')).toMatchObject({
      status: 'skipped',
      skipReason: 'snapshot satisfied (cached output)',
      skipDetail: snapshot,
    });
    expect(stepOf(replay, 'total')).toMatchObject({ status: 'skipped', output: 1000 });
    expect(stepOf(replay, 'double').status).toBe('executed');
    expect(replay.executionTrace.snapshot).toEqual(snapshot);
    expect(replay.executionTrace.mode).toBe('snapshot');
    expect(replay.executionTrace.metrics.queryCount).toBe(0);
    expect(replay.assignments.slice(0, 2)).toEqual([
      { stepIndex: -1, key: 'orders', value: vars.orders },
      { stepIndex: -1, key: 'total', value: 1000 },
    ]);
  });

  it('stages writes unless the replay commits', async () => {
    const tableId = await database.createTable('snapshot_log', [{ name: 'note', type: 'text' }]);
    const graph: WorkflowGraph = {
      nodes: [
        block('log', 'write', {
          table: 'snapshot_log',
          operation: 'insert',
          values: { note: '"x"' },
          outputKey: 'logged',
        }),
      ],
      edges: [],
    };
    const snapshot = { sourceRunId: '00000000-0000-4000-8000-000000000000', checkpointStep: -1 };
    const input = { input: {}, vars: {} };
    const countRows = async () =>
      (
        await database.data.queryRows(database.tenantId, {
          tableId,
          filters: [],
          sort: [],
          limit: 10,
        })
      ).length;

    const staged = await runOn({ database, graph, mode: 'snapshot', input, options: { snapshot } });
    const rowsAfterStaged = await countRows();
    const committed = await runOn({
      database,
      graph,
      mode: 'snapshot',
      input,
      options: { snapshot: { ...snapshot, commit: true } },
    });

    expect(stepOf(staged, 'log').sideEffects?.staged).toBe(true);
    expect(rowsAfterStaged).toBe(0);
    expect(stepOf(committed, 'log').sideEffects?.staged).toBe(false);
    expect(await countRows()).toBe(1);
  });

  it('skips side effects the source run executed before the checkpoint', async () => {
    const graph: WorkflowGraph = {
      nodes: [
        block('each', 'loop', { items: '["a", "b"]' }),
        block(
          'record',
          'write',
          {
            table: 'orders',
            operation: 'insert',
            values: { customer: 'item' },
            outputKey: 'recorded',
            idempotencyKey: 'item',
          },
          { parentId: 'each' },
        ),
      ],
      edges: [],
    };
    const sourceRunId = '11111111-1111-4111-8111-111111111111';

    const replay = await runOn({
      database,
      graph,
      mode: 'snapshot',
      input: { input: {}, vars: {} },
      options: {
        snapshot: {
          sourceRunId,
          checkpointStep: 0,
          executedSideEffects: [{ blockId: 'record', idempotencyKey: 'a', stepIndex: 0 }],
        },
      },
    });

    const steps = stepsOf(replay, 'record');
    expect(steps.map((step) => step.status)).toEqual(['skipped', 'executed']);
    expect(steps[0]).toMatchObject({
      skipReason: 'already executed (idempotency guard)',
      skipDetail: { firstStepIndex: 0, idempotencyKey: 'a', sourceRunId },
    });
  });

  it('rejects a snapshot run without checkpoint variables', async () => {
    const result = await runOn({
      database,
      graph: GRAPH,
      mode: 'snapshot',
      input: { customer: 'alfki' },
      options: { snapshot: { sourceRunId: 'r', checkpointStep: 0 } },
    });

    expect(result.executionTrace.error).toMatchObject({
      kind: 'validation',
      message:
        'The input of a snapshot run must be { input, vars } with the checkpoint variables in vars',
    });
  });
});
