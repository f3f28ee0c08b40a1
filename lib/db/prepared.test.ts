import { randomUUID } from 'node:crypto';

import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { castToColumnType } from '../../engine/column-values';
import type { DataTableInfo, ResolvedFilter, ResolvedSort } from '../../engine/data';
import { isNullValue } from '../../engine/row-filter';
import { createTestTenant, openTestDatabase } from '../../test/database';
import {
  OVERLAY_COLUMNS,
  OVERLAY_ROWS,
  overlayFilterCases,
  type FilterCase,
} from '../../test/fixtures/overlay-rows';
import { rowQuerySql } from '../data/row-query';
import { toTableInfo } from '../data/rows';
import { createDataTable, insertDataRows } from '../repositories/data-tables';
import type { Database, DatabaseHandle } from './client';
import { executeRows, postgresClientOf } from './execute';
import { executePreparedRows, PgliteStatements } from './prepared';

let handle: DatabaseHandle;
/** One database session, so that `SET plan_cache_mode` applies to the queries that follow. */
let session: Database;
let closeSession: () => Promise<void>;
let tenantId: string;
let table: DataTableInfo;

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'prepared');
  table = toTableInfo(
    await createDataTable(handle.db, tenantId, { name: 'rows', columns: OVERLAY_COLUMNS }),
  );
  await insertDataRows(handle.db, tenantId, table.id, OVERLAY_ROWS);

  if (handle.kind === 'postgres') {
    const client = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    session = drizzlePostgres(client) as unknown as Database;
    closeSession = () => client.end({ timeout: 5 });
  } else {
    session = handle.db;
    closeSession = async () => {};
  }
});

afterAll(async () => {
  await closeSession?.();
  await handle?.close();
});

/** Casts a filter case's value the way a query block does. */
function resolveFilter({ column, op, type, value }: FilterCase): ResolvedFilter {
  if (op === 'isNull' || op === 'notNull') return { column, op };
  if (isNullValue(value)) return { column, op, value: null };

  const cast = (item: unknown) => {
    const result = castToColumnType(type, item);
    if (!result.ok) throw new Error(result.problem);
    return result.value;
  };
  if (op === 'in') {
    return {
      column,
      op,
      value: (value as unknown[]).filter((item) => !isNullValue(item)).map(cast),
    };
  }
  return { column, op, value: cast(value) };
}

function querySql(filters: ResolvedFilter[], sort: ResolvedSort[] = []) {
  return rowQuerySql(tenantId, table, { tableId: table.id, filters, sort, limit: 100 });
}

describe('executePreparedRows', () => {
  it('matches unprepared rows under generic plans', async () => {
    const queries = [
      ...overlayFilterCases().map((filterCase) => ({
        label: `${filterCase.column} ${filterCase.op} ${JSON.stringify(filterCase.value)}`,
        filters: [resolveFilter(filterCase)],
        sort: [] as ResolvedSort[],
      })),
      ...OVERLAY_COLUMNS.filter((column) => column.type !== 'json').map((column) => ({
        label: `sort by ${column.name}`,
        filters: [],
        sort: [{ column: column.name, direction: 'desc' as const }],
      })),
    ];
    const mismatches: string[] = [];
    let nonEmptyResults = 0;

    for (const { label, filters, sort } of queries) {
      await session.execute(sql`SET plan_cache_mode = force_custom_plan`);
      const expected = await executeRows(session, querySql(filters, sort));
      await session.execute(sql`SET plan_cache_mode = force_generic_plan`);
      const actual = await executePreparedRows(session, querySql(filters, sort));

      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(label);
      if (expected.length > 0) nonEmptyResults += 1;
    }
    await session.execute(sql`RESET plan_cache_mode`);

    expect(mismatches).toEqual([]);
    expect(nonEmptyResults).toBeGreaterThan(150);
  });

  it('returns id text and parsed data', async () => {
    const filters: ResolvedFilter[] = [{ column: 'k', op: 'eq', value: 'r09' }];

    const rows = await executePreparedRows(handle.db, querySql(filters));

    expect(rows).toEqual([
      {
        id: expect.stringMatching(/^[1-9][0-9]*$/),
        data: { k: 'r09', t: 'apple pie', n: 3, d: '2024-01-01T00:00:00.000Z', b: true, j: 5 },
      },
    ]);
  });

  it('keeps statement names across a module reload', async () => {
    const filters: ResolvedFilter[] = [{ column: 'k', op: 'eq', value: 'r08' }];
    await executePreparedRows(handle.db, querySql(filters));

    vi.resetModules();
    const reloaded = await import('./prepared');
    const rows = await reloaded.executePreparedRows(handle.db, querySql(filters));

    expect(rows).toHaveLength(1);
  });

  it('rejects with an aborted signal reason', async () => {
    const reason = new Error('limit reached');

    await expect(
      executePreparedRows(handle.db, querySql([]), AbortSignal.abort(reason)),
    ).rejects.toBe(reason);
  });

  it('runs as a named statement on PostgreSQL', async (context) => {
    const client = postgresClientOf(handle.db);
    if (!client) context.skip('PGlite statements are covered by PgliteStatements');
    // One connection of the app's pool, so that its prepared statements can be listed.
    const reserved = await client!.reserve();
    const connection = { $client: reserved } as unknown as Database;
    const marker = `prepared_${randomUUID().replaceAll('-', '')}`;

    try {
      await executePreparedRows(connection, sql.raw(`SELECT 1 AS ${marker}`));
      await executePreparedRows(connection, sql.raw(`SELECT 1 AS ${marker}`));
      const [row] = await reserved<{ total: number }[]>`
        SELECT count(*)::int AS total FROM pg_prepared_statements WHERE statement LIKE ${`%${marker}%`}`;

      expect(row!.total).toBe(1);
    } finally {
      reserved.release();
    }
  });
});

describe('PgliteStatements', () => {
  let client: PGlite;

  beforeAll(async () => {
    client = new PGlite();
    await client.waitReady;
  });

  afterAll(async () => {
    await client?.close();
  });

  async function preparedTexts(): Promise<string[]> {
    const result = await client.query<{ statement: string }>(
      `SELECT statement FROM pg_prepared_statements WHERE name LIKE 'row_query_%' ORDER BY statement`,
    );
    return result.rows.map((row) => row.statement.replace(/^PREPARE row_query_\d+ AS /, ''));
  }

  it('prepares each text once', async () => {
    const statements = new PgliteStatements(client);

    const first = await statements.execute(`SELECT $1::int + 1 AS once`, [1]);
    const second = await statements.execute(`SELECT $1::int + 1 AS once`, [41]);

    expect(first).toEqual([{ once: 2 }]);
    expect(second).toEqual([{ once: 42 }]);
    expect(await preparedTexts()).toEqual([`SELECT $1::int + 1 AS once`]);
    await client.exec('DEALLOCATE ALL');
  });

  it('prepares a text once for concurrent calls', async () => {
    const statements = new PgliteStatements(client);

    const results = await Promise.all(
      [1, 2, 3, 4].map((value) => statements.execute(`SELECT $1::int AS concurrent`, [value])),
    );

    expect(results).toEqual([1, 2, 3, 4].map((value) => [{ concurrent: value }]));
    expect(await preparedTexts()).toEqual([`SELECT $1::int AS concurrent`]);
    await client.exec('DEALLOCATE ALL');
  });

  it('deallocates the least recently used', async () => {
    const statements = new PgliteStatements(client, 2);

    await statements.execute(`SELECT 'a' AS bound`, []);
    await statements.execute(`SELECT 'b' AS bound`, []);
    await statements.execute(`SELECT 'a' AS bound`, []);
    await statements.execute(`SELECT 'c' AS bound`, []);

    expect(statements.size).toBe(2);
    expect(await preparedTexts()).toEqual([`SELECT 'a' AS bound`, `SELECT 'c' AS bound`]);
    await client.exec('DEALLOCATE ALL');
  });

  it('prepares again after DEALLOCATE ALL', async () => {
    const statements = new PgliteStatements(client);
    await statements.execute(`SELECT $1::text AS again`, ['x']);
    await client.exec('DEALLOCATE ALL');

    const rows = await statements.execute(`SELECT $1::text AS again`, ['y']);

    expect(rows).toEqual([{ again: 'y' }]);
    expect(await preparedTexts()).toEqual([`SELECT $1::text AS again`]);
    await client.exec('DEALLOCATE ALL');
  });

  it.each(['on', 'off'])(
    'keeps quotes and backslashes with standard_conforming_strings %s',
    async (setting) => {
      const statements = new PgliteStatements(client);
      const values = [
        `it's`,
        `back\\slash \\' "q"`,
        `'); DROP TABLE data_rows; --`,
        '',
        '\u{1F600}',
      ];
      await client.exec(`SET standard_conforming_strings = ${setting}`);

      for (const value of values) {
        const rows = await statements.execute(`SELECT $1::text AS value`, [value]);

        expect(rows).toEqual([{ value }]);
      }
      await client.exec('RESET standard_conforming_strings; DEALLOCATE ALL');
    },
  );

  it('casts scalars like bound parameters', async () => {
    const statements = new PgliteStatements(client);

    const rows = await statements.execute(
      `SELECT $1::numeric AS amount, $2::bigint AS count, $3::boolean AS flag, $4::text IS NULL AS missing`,
      ['10.25', 100, true, null],
    );

    expect(rows).toEqual([{ amount: '10.25', count: 100, flag: true, missing: true }]);
    await client.exec('DEALLOCATE ALL');
  });

  it('rejects object and NUL parameters', async () => {
    const statements = new PgliteStatements(client);

    await expect(statements.execute(`SELECT $1::jsonb AS value`, [{ a: 1 }])).rejects.toThrow(
      'A prepared statement parameter must be a string, number, bigint or boolean, got [object Object]',
    );
    await expect(statements.execute(`SELECT $1::text AS value`, ['a\u0000b'])).rejects.toThrow(
      'A prepared statement parameter contains a NUL character: "a\\u0000b"',
    );
    expect(statements.size).toBe(0);
  });

  it('forgets a text whose PREPARE failed', async () => {
    const statements = new PgliteStatements(client);

    await expect(statements.execute(`SELECT FROM WHERE`, [])).rejects.toThrow('syntax error');

    expect(statements.size).toBe(0);
    expect(await statements.execute(`SELECT 1 AS fine`, [])).toEqual([{ fine: 1 }]);
    await client.exec('DEALLOCATE ALL');
  });
});
