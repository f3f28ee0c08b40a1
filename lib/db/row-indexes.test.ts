import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DataTableInfo, RowQuery } from '../../engine/data';
import { createTestTenant, openTestDatabase } from '../../test/database';
import { rowQuerySql } from '../data/row-query';
import { toTableInfo } from '../data/rows';
import { quoteLiteral } from '../data/sql-text';
import { createDataTable, insertDataRows } from '../repositories/data-tables';
import type { DatabaseHandle } from './client';
import { executeRows } from './execute';
import { rowIndexDefinition, rowIndexPrefix } from './row-indexes';

const ROW_COUNT = 10_000;
const BATCH_SIZE = 1_000;

let handle: DatabaseHandle;
let tenantId: string;
let table: DataTableInfo;

/** Freight is under 500 except on every 200th row, so `freight > 500` selects 0.5% of rows. */
function orderRow(index: number) {
  return {
    freight: index % 200 === 0 ? 500 + index / 100 : index % 500,
    shipCountry: index % 100 === 0 ? 'Brazil' : ['Germany', 'France', 'USA'][index % 3],
    orderDate: new Date(Date.UTC(1996, 0, 1) + index * 3_600_000).toISOString(),
    shipped: index % 3 === 0,
  };
}

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'indexes');
  const columns = [
    { name: 'freight', type: 'number' as const },
    { name: 'shipCountry', type: 'text' as const },
    { name: 'orderDate', type: 'date' as const },
    { name: 'shipped', type: 'boolean' as const },
  ];
  table = toTableInfo(await createDataTable(handle.db, tenantId, { name: 'orders', columns }));

  for (let start = 0; start < ROW_COUNT; start += BATCH_SIZE) {
    const rows = Array.from({ length: BATCH_SIZE }, (_, offset) => orderRow(start + offset));
    await insertDataRows(handle.db, tenantId, table.id, rows);
  }
  await handle.db.execute(sql`ANALYZE data_rows`);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

async function planOf(query: Omit<RowQuery, 'tableId'>): Promise<string> {
  const statement = rowQuerySql(tenantId, table, { tableId: table.id, ...query });
  const rows = await executeRows<{ 'QUERY PLAN': string }>(handle.db, sql`EXPLAIN ${statement}`);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

let genericPlans = 0;

/**
 * Returns the generic plan of the query: the one PostgreSQL keeps for every execution of a
 * prepared statement once it stops planning per execution.
 */
async function genericPlanOf(query: Omit<RowQuery, 'tableId'>): Promise<string> {
  const statement = rowQuerySql(tenantId, table, { tableId: table.id, ...query });
  const { sql: text, params } = new PgDialect().sqlToQuery(statement);
  const name = `generic_plan_${++genericPlans}`;
  const argumentList = params.map((value) => quoteLiteral(String(value))).join(', ');

  return handle.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL plan_cache_mode = force_generic_plan`);
    await tx.execute(sql.raw(`PREPARE ${name} AS ${text}`));
    const rows = await executeRows<{ 'QUERY PLAN': string }>(
      tx,
      sql.raw(`EXPLAIN EXECUTE ${name}(${argumentList})`),
    );
    await tx.execute(sql.raw(`DEALLOCATE ${name}`));
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

describe('row expression indexes', () => {
  it('serve a freight > 500 filter on 10,000 rows', async () => {
    const plan = await planOf({
      filters: [{ column: 'freight', op: 'gt', value: 500 }],
      sort: [],
      limit: 100,
    });

    expect(plan).toContain(`${rowIndexPrefix(table.id)}c0`);
    expect(plan).not.toContain('Seq Scan');
  });

  it('serve an equality filter on a text column', async () => {
    const plan = await planOf({
      filters: [{ column: 'shipCountry', op: 'eq', value: 'Brazil' }],
      sort: [{ column: 'freight', direction: 'desc' }],
      limit: 5,
    });

    expect(plan).toMatch(new RegExp(`${rowIndexPrefix(table.id)}c[01]`));
  });

  it('serve equality and range filters on a text column', async () => {
    const textIndex = `${rowIndexPrefix(table.id)}c1`;

    const equal = await planOf({
      filters: [{ column: 'shipCountry', op: 'eq', value: 'Brazil' }],
      sort: [],
      limit: 5,
    });
    const below = await planOf({
      filters: [{ column: 'shipCountry', op: 'lt', value: 'Bz' }],
      sort: [],
      limit: 5,
    });

    expect(equal).toContain(textIndex);
    expect(below).toContain(textIndex);
  });

  it('serve a date range filter', async () => {
    const plan = await planOf({
      filters: [{ column: 'orderDate', op: 'lt', value: '1996-01-02T00:00:00Z' }],
      sort: [],
      limit: 100,
    });

    expect(plan).toContain(`${rowIndexPrefix(table.id)}c2`);
  });

  it('serve an ascending sort with a limit', async () => {
    const plan = await planOf({
      filters: [],
      sort: [{ column: 'orderDate', direction: 'asc' }],
      limit: 10,
    });

    expect(plan).toContain(`${rowIndexPrefix(table.id)}c2`);
  });

  it('return the rows the filter selects', async () => {
    const rows = await executeRows<{ id: string }>(
      handle.db,
      rowQuerySql(tenantId, table, {
        tableId: table.id,
        filters: [{ column: 'freight', op: 'gt', value: 500 }],
        sort: [],
        limit: 1000,
      }),
    );

    expect(rows).toHaveLength(ROW_COUNT / 200 - 1);
  });
});

describe('row expression indexes in generic plans', () => {
  const cases: Array<[string, Omit<RowQuery, 'tableId'>, number]> = [
    [
      'freight > 500',
      { filters: [{ column: 'freight', op: 'gt', value: 500 }], sort: [], limit: 100 },
      0,
    ],
    [
      'freight from 10 to under 20',
      {
        filters: [
          { column: 'freight', op: 'gte', value: 10 },
          { column: 'freight', op: 'lt', value: 20 },
        ],
        sort: [],
        limit: 100,
      },
      0,
    ],
    [
      'shipCountry = Brazil',
      { filters: [{ column: 'shipCountry', op: 'eq', value: 'Brazil' }], sort: [], limit: 5 },
      1,
    ],
    [
      'shipCountry < Bz',
      { filters: [{ column: 'shipCountry', op: 'lt', value: 'Bz' }], sort: [], limit: 5 },
      1,
    ],
    [
      'orderDate before a day',
      {
        filters: [{ column: 'orderDate', op: 'lt', value: '1996-01-02T00:00:00Z' }],
        sort: [],
        limit: 100,
      },
      2,
    ],
  ];

  it.each(cases)('serve %s', async (_label, query, position) => {
    const plan = await genericPlanOf(query);

    expect(plan).toContain(`${rowIndexPrefix(table.id)}c${position}`);
    expect(plan).not.toContain('Seq Scan');
  });
});

describe('rowIndexDefinition', () => {
  const tableId = '0b7e6a8c-1d2f-4a5b-9c8d-7e6f5a4b3c2d';

  it('quotes column names inside the cast expression', () => {
    expect(rowIndexDefinition(tableId, { name: `it's "x"`, type: 'number' }, 3)).toBe(
      `CREATE INDEX "data_rows_t0b7e6a8c1d2f4a5b9c8d7e6f5a4b3c2d_c3" ON data_rows (((data ->> 'it''s "x"')::numeric)) WHERE table_id = '0b7e6a8c-1d2f-4a5b-9c8d-7e6f5a4b3c2d'`,
    );
  });

  it('uses a GIN index for json columns', () => {
    expect(rowIndexDefinition(tableId, { name: 'meta', type: 'json' }, 0)).toBe(
      `CREATE INDEX "data_rows_t0b7e6a8c1d2f4a5b9c8d7e6f5a4b3c2d_c0" ON data_rows USING gin (((data -> 'meta')) jsonb_path_ops) WHERE table_id = '0b7e6a8c-1d2f-4a5b-9c8d-7e6f5a4b3c2d'`,
    );
  });

  it('rejects a table id that is not a UUID', () => {
    expect(() =>
      rowIndexDefinition(`x'; DROP TABLE data_rows; --`, { name: 'a', type: 'text' }, 0),
    ).toThrow(`Data table id "x'; DROP TABLE data_rows; --" is not a UUID`);
  });
});
