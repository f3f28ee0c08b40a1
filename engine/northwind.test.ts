import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { importCsv } from '../lib/csv/import-csv';
import { openEngineDatabase, type EngineDatabase } from '../test/fixtures/engine-database';
import { block, runOn, stepOf } from '../test/fixtures/engine-run';
import type { DataRow } from './data';

const NORTHWIND_ORDERS = path.resolve(process.cwd(), '../shared/data/northwind/orders.csv');
const hasNorthwind = existsSync(NORTHWIND_ORDERS);

const SUITE_NAME = hasNorthwind
  ? 'query on the imported Northwind orders'
  : `query on the imported Northwind orders (skipped: ${NORTHWIND_ORDERS} is absent)`;

describe.skipIf(!hasNorthwind)(SUITE_NAME, () => {
  let database: EngineDatabase;

  beforeAll(async () => {
    database = await openEngineDatabase('northwind');
    await importCsv(database.handle.db, {
      tenantId: database.tenantId,
      tableName: 'orders',
      source: await readFile(NORTHWIND_ORDERS),
      fileName: 'orders.csv',
    });
  });

  afterAll(async () => {
    await database?.close();
  });

  it('finds the 13 orders with freight over 500', async () => {
    const graph = {
      nodes: [
        block('heavy', 'query', {
          table: 'orders',
          filters: [{ column: 'freight', op: 'gt', value: '500' }],
          sort: [{ column: 'freight', direction: 'desc' }],
          outputKey: 'heavy',
        }),
      ],
      edges: [],
    };

    const result = await runOn({ database, graph, mode: 'live' });

    const rows = stepOf(result, 'heavy').output as DataRow[];
    expect(result.status).toBe('success');
    expect(rows).toHaveLength(13);
    expect(rows.every((row) => (row.freight as number) > 500)).toBe(true);
    expect(rows[0]!.freight).toBe(1007.64);
  });
});
