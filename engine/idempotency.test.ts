import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openEngineDatabase, type EngineDatabase } from '../test/fixtures/engine-database';
import { block, runOn, stepsOf } from '../test/fixtures/engine-run';
import type { WorkflowGraph } from './types';

let database: EngineDatabase;

beforeAll(async () => {
  database = await openEngineDatabase('idempotency');
  await database.createTable('events', [
    { name: 'label', type: 'text' },
    { name: 'position', type: 'number' },
  ]);
});

afterAll(async () => {
  await database?.close();
});

function loopOfWrites(idempotencyKey?: string): WorkflowGraph {
  return {
    nodes: [
      block('each', 'loop', { items: '["a", "b", "c"]' }),
      block(
        'record',
        'write',
        {
          table: 'events',
          operation: 'insert',
          values: { label: 'item', position: 'index' },
          outputKey: 'recorded',
          ...(idempotencyKey ? { idempotencyKey } : {}),
        },
        { parentId: 'each' },
      ),
    ],
    edges: [],
  };
}

describe('idempotency guard', () => {
  it('executes a write without a key once in a loop of three', async () => {
    const result = await runOn({ database, graph: loopOfWrites(), mode: 'preview' });

    const steps = stepsOf(result, 'record');
    expect(steps.map((step) => step.status)).toEqual(['executed', 'skipped', 'skipped']);
    expect(steps[1]).toMatchObject({
      skipReason: 'already executed (idempotency guard)',
      skipDetail: { firstStepIndex: steps[0]!.index },
    });
    expect(steps[2]!.skipDetail).toEqual({ firstStepIndex: steps[0]!.index });
    expect(steps[0]!.sideEffects).toEqual({
      writes: [
        {
          table: 'events',
          operation: 'insert',
          rowId: 'staged:1',
          values: { label: 'a', position: 0 },
        },
      ],
      staged: true,
    });
  });

  it('executes a write with a key per item three times', async () => {
    const result = await runOn({ database, graph: loopOfWrites('item'), mode: 'preview' });

    const steps = stepsOf(result, 'record');
    expect(steps.map((step) => step.status)).toEqual(['executed', 'executed', 'executed']);
    expect(steps.map((step) => (step.inputs as { idempotencyKey: string }).idempotencyKey)).toEqual(
      ['a', 'b', 'c'],
    );
  });

  it('skips a repeated key within the run', async () => {
    const graph = loopOfWrites('"same"');

    const result = await runOn({ database, graph, mode: 'preview' });

    const steps = stepsOf(result, 'record');
    expect(steps.map((step) => step.status)).toEqual(['executed', 'skipped', 'skipped']);
    expect(steps[2]!.skipDetail).toEqual({
      firstStepIndex: steps[0]!.index,
      idempotencyKey: 'same',
    });
  });

  it('commits one row per key in live mode', async () => {
    const tableId = await database.createTable('live_events', [{ name: 'label', type: 'text' }]);
    const graph: WorkflowGraph = {
      nodes: [
        block('each', 'loop', { items: '["a", "b", "c"]' }),
        block(
          'record',
          'write',
          {
            table: 'live_events',
            operation: 'insert',
            values: { label: 'item' },
            outputKey: 'recorded',
            idempotencyKey: 'item',
          },
          { parentId: 'each' },
        ),
      ],
      edges: [],
    };

    const result = await runOn({ database, graph, mode: 'live' });

    expect(result.status).toBe('success');
    const rows = await database.data.queryRows(database.tenantId, {
      tableId,
      filters: [],
      sort: [],
      limit: 10,
    });
    expect(rows.map((row) => row.label)).toEqual(['a', 'b', 'c']);
  });
});
