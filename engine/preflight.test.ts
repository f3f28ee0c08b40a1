/**
 * The checks before a run against the tables' column types, on the real data layer: problems
 * come in block order, and the tables of a run are looked up side by side.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { block } from '../test/fixtures/engine-run';
import { openEngineDatabase, type EngineDatabase } from '../test/fixtures/engine-database';
import type { DataAccess } from './data';
import { checkQueryColumns } from './preflight';
import { TableCatalog } from './table-catalog';

let database: EngineDatabase;

beforeAll(async () => {
  database = await openEngineDatabase('preflight');
  await database.createTable('orders', [
    { name: 'amount', type: 'number' },
    { name: 'details', type: 'json' },
  ]);
  await database.createTable('customers', [
    { name: 'name', type: 'text' },
    { name: 'profile', type: 'json' },
  ]);
});

afterAll(async () => {
  await database?.close();
});

/** Wraps the app's data access to count the table lookups in flight at the same time. */
function countingLookups(): { data: DataAccess; maxInFlight: () => number } {
  let inFlight = 0;
  let maxInFlight = 0;
  const data: DataAccess = {
    ...database.data,
    findTable: async (tenantId, name) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await database.data.findTable(tenantId, name);
      } finally {
        inFlight--;
      }
    },
  };
  return { data, maxInFlight: () => maxInFlight };
}

const QUERIES = [
  block('bigOrders', 'query', {
    table: 'orders',
    filters: [{ column: 'details', op: 'gt', value: '1' }],
    outputKey: 'orders',
  }),
  block('people', 'query', {
    table: 'customers',
    sort: [{ column: 'profile', direction: 'asc' }],
    outputKey: 'people',
  }),
  block('missing', 'query', { table: 'nosuch', outputKey: 'nothing' }),
];

describe('query column preflight', () => {
  it('reports json operators and sorts in block order', async () => {
    const catalog = new TableCatalog(
      database.data,
      database.tenantId,
      new AbortController().signal,
    );

    const problems = await checkQueryColumns(QUERIES, catalog);

    expect(problems.map((problem) => [problem.code, problem.blockId])).toEqual([
      ['operator_unsupported', 'bigOrders'],
      ['sort_unsupported', 'people'],
    ]);
    expect(problems[0]!.message).toBe(
      'Query block "bigOrders": filters[0] uses "gt" on json column "details"; json columns support eq, neq, contains, isNull, notNull',
    );
  });

  it('looks up every table at once', async () => {
    const { data, maxInFlight } = countingLookups();
    const catalog = new TableCatalog(data, database.tenantId, new AbortController().signal);

    await checkQueryColumns(QUERIES, catalog);

    expect(maxInFlight()).toBe(3);
  });
});
