/**
 * Fifty previews started at once through the run service all succeed, queued over the worker
 * pool, and each one reports the queryCount and cacheHits of the same workflow run alone: the
 * query cache and the staged writes belong to one run and are never shared. scripts/load-check.ts
 * checks the same over HTTP on the production server, with the server's memory.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '../../engine/types';
import type { DatabaseHandle } from '../../lib/db/client';
import { createDataTable, insertDataRows } from '../../lib/repositories/data-tables';
import { createTestTenant, openTestDatabase } from '../database';
import { block, chain } from '../fixtures/engine-run';
import { runToEnd, saveWorkflow, type SavedWorkflow } from './support';

const CONCURRENT_RUNS = 50;

const reportGraph: WorkflowGraph = {
  nodes: [
    block('delivered', 'query', {
      table: 'orders',
      filters: [{ column: 'delivered', op: 'eq', value: 'true' }],
      outputKey: 'delivered',
    }),
    block('note', 'write', {
      table: 'orders',
      operation: 'insert',
      values: { code: "'note-' + input.n", total: '0', delivered: 'false' },
      outputKey: 'note',
    }),
    block('again', 'query', {
      table: 'orders',
      filters: [{ column: 'delivered', op: 'eq', value: 'true' }],
      outputKey: 'deliveredAgain',
    }),
    block('same', 'query', {
      table: 'orders',
      filters: [{ column: 'delivered', op: 'eq', value: 'true' }],
      outputKey: 'deliveredThird',
    }),
    block('all', 'query', { table: 'orders', outputKey: 'all' }),
    block('sum', 'js', {
      code: 'return { total: vars.delivered.reduce((s, o) => s + o.total, 0), rows: vars.all.length, n: input.n };',
      outputKey: 'sum',
    }),
    block('out', 'output', { value: 'vars.sum' }),
  ],
  edges: chain('delivered', 'note', 'again', 'same', 'all', 'sum', 'out'),
};

let handle: DatabaseHandle;
let tenantId: string;
let workflow: SavedWorkflow;

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'burst');
  const orders = await createDataTable(handle.db, tenantId, {
    name: 'orders',
    columns: [
      { name: 'code', type: 'text' },
      { name: 'total', type: 'number' },
      { name: 'delivered', type: 'boolean' },
    ],
  });
  await insertDataRows(handle.db, tenantId, orders.id, [
    { code: 'A', total: 10, delivered: true },
    { code: 'B', total: 20, delivered: false },
    { code: 'C', total: 30, delivered: true },
  ]);
  workflow = await saveWorkflow(handle, tenantId, reportGraph);
});

afterAll(async () => {
  await handle?.close();
});

describe('concurrent previews', () => {
  it('match a run alone in outcome and metrics', async () => {
    const alone = await runToEnd(handle, tenantId, workflow, { input: { n: -1 } });

    const burst = await Promise.all(
      Array.from({ length: CONCURRENT_RUNS }, (_, n) =>
        runToEnd(handle, tenantId, workflow, { input: { n } }),
      ),
    );

    expect(alone.status).toBe('success');
    expect(alone.queryCount).toBe(3);
    expect(alone.cacheHits).toBe(1);
    expect(alone.output).toEqual({ total: 40, rows: 4, n: -1 });
    expect(burst.map((run) => run.status)).toEqual(Array(CONCURRENT_RUNS).fill('success'));
    expect(burst.map((run) => run.queryCount)).toEqual(Array(CONCURRENT_RUNS).fill(3));
    expect(burst.map((run) => run.cacheHits)).toEqual(Array(CONCURRENT_RUNS).fill(1));
    expect(burst.map((run) => run.trace?.metrics.queryCount)).toEqual(
      Array(CONCURRENT_RUNS).fill(3),
    );
    expect(burst.map((run) => run.output)).toEqual(
      Array.from({ length: CONCURRENT_RUNS }, (_, n) => ({ total: 40, rows: 4, n })),
    );
  });
});
