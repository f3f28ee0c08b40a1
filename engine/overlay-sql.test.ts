/**
 * The overlay must filter and sort exactly as SQL does. Each case runs once through the real
 * DataAccess (PGlite, or PostgreSQL with DATABASE_URL) over stored rows, and once through the
 * overlay over the same rows staged as inserts into an empty table; the row keys must match.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openEngineDatabase, type EngineDatabase } from '../test/fixtures/engine-database';
import {
  OVERLAY_COLUMNS,
  OVERLAY_ROWS,
  overlayFilterCases,
  type FilterCase,
} from '../test/fixtures/overlay-rows';
import { castToColumnType } from './column-values';
import type { DataTableInfo, ResolvedFilter, ResolvedSort, RowQuery } from './data';
import { WriteOverlay } from './overlay';
import { isNullValue } from './row-filter';

let database: EngineDatabase;
let storedTable: DataTableInfo;
let emptyTable: DataTableInfo;
let stagedOverlay: WriteOverlay;

beforeAll(async () => {
  database = await openEngineDatabase('overlay');
  await database.createTable('stored', OVERLAY_COLUMNS, OVERLAY_ROWS);
  await database.createTable('empty', OVERLAY_COLUMNS);
  storedTable = (await database.data.findTable(database.tenantId, 'stored'))!;
  emptyTable = (await database.data.findTable(database.tenantId, 'empty'))!;

  stagedOverlay = new WriteOverlay();
  for (const row of OVERLAY_ROWS) stagedOverlay.insert(emptyTable, castRow(row));
});

afterAll(async () => {
  await database?.close();
});

/** Casts written values the way a write block does before staging or committing them. */
function castRow(row: Record<string, unknown>): Record<string, unknown> {
  const cast: Record<string, unknown> = {};
  for (const column of OVERLAY_COLUMNS) {
    const value = row[column.name];
    if (value === undefined) continue;

    const result = isNullValue(value)
      ? { ok: true, value: null }
      : castToColumnType(column.type, value);
    if (!result.ok) throw new Error(`bad fixture value ${String(value)}`);
    cast[column.name] = result.value;
  }
  return cast;
}

/** Casts a filter value the way a query block does. */
function resolveFilter(filterCase: FilterCase): ResolvedFilter {
  const { column, op, type, value } = filterCase;
  if (op === 'isNull' || op === 'notNull') return { column, op };

  const castOne = (item: unknown) => {
    const result = castToColumnType(type, item);
    if (!result.ok) throw new Error(result.problem);
    return result.value;
  };
  if (isNullValue(value)) return { column, op, value: null };
  if (op === 'in') {
    return {
      column,
      op,
      value: (value as unknown[]).filter((item) => !isNullValue(item)).map(castOne),
    };
  }
  return { column, op, value: castOne(value) };
}

async function keysFromSql(filters: ResolvedFilter[], sort: ResolvedSort[], limit = 100) {
  const query: RowQuery = { tableId: storedTable.id, filters, sort, limit };
  const rows = await database.data.queryRows(database.tenantId, query);
  return rows.map((row) => row.k);
}

async function keysFromOverlay(filters: ResolvedFilter[], sort: ResolvedSort[], limit = 100) {
  const query: RowQuery = { tableId: emptyTable.id, filters, sort, limit };
  const rows = await stagedOverlay.query(emptyTable, query, (databaseQuery) =>
    database.data.queryRows(database.tenantId, databaseQuery),
  );
  return rows.map((row) => row.k);
}

describe('overlay filters equal SQL filters', () => {
  const cases = overlayFilterCases().map((filterCase) => ({
    ...filterCase,
    label: `${filterCase.type} ${filterCase.op} ${JSON.stringify(filterCase.value) ?? ''}`,
  }));

  it.each(cases)('$label', async (filterCase) => {
    const filters = [resolveFilter(filterCase)];

    const expected = await keysFromSql(filters, []);
    const actual = await keysFromOverlay(filters, []);

    expect(actual).toEqual(expected);
  });

  it('covers every operator of every column type', () => {
    const pairs = new Set(cases.map((filterCase) => `${filterCase.type}:${filterCase.op}`));

    expect(pairs.size).toBe(10 + 9 + 9 + 9 + 5);
  });
});

describe('overlay order equals SQL order', () => {
  const sortable = OVERLAY_COLUMNS.filter((column) => column.type !== 'json');
  const sorts: ResolvedSort[][] = [
    [],
    ...sortable.flatMap((column) => [
      [{ column: column.name, direction: 'asc' as const }],
      [{ column: column.name, direction: 'desc' as const }],
    ]),
    [
      { column: 'b', direction: 'desc' },
      { column: 'n', direction: 'asc' },
    ],
    [
      { column: 'd', direction: 'asc' },
      { column: 't', direction: 'desc' },
    ],
  ];

  it.each(sorts.map((sort) => ({ sort, label: JSON.stringify(sort) })))(
    'sort $label',
    async ({ sort }) => {
      const expected = await keysFromSql([], sort);
      const actual = await keysFromOverlay([], sort);

      expect(actual).toEqual(expected);
    },
  );

  it('limits after sorting', async () => {
    const sort: ResolvedSort[] = [{ column: 'n', direction: 'desc' }];

    const expected = await keysFromSql([], sort, 4);
    const actual = await keysFromOverlay([], sort, 4);

    expect(actual).toEqual(expected);
    expect(actual).toHaveLength(4);
  });
});

describe('overlay merged with stored rows equals SQL after the same writes', () => {
  let overlayBase: DataTableInfo;
  let liveTable: DataTableInfo;
  let mergeOverlay: WriteOverlay;

  type Write =
    | { op: 'insert'; values: Record<string, unknown> }
    | { op: 'update'; key: string; values: Record<string, unknown> }
    | { op: 'delete'; key: string };

  const WRITES: Write[] = [
    { op: 'insert', values: { k: 's1', t: 'apple', n: 10, d: '2024-01-01', b: true, j: { a: 1 } } },
    { op: 'insert', values: { k: 's2', t: 'cherry', n: 7 } },
    { op: 'update', key: 'r03', values: { t: 'apple', n: 10 } },
    { op: 'update', key: 'r10', values: { n: null } },
    { op: 'delete', key: 'r01' },
    { op: 'update', key: 's2', values: { n: 10, b: false } },
    { op: 'insert', values: { k: 's3', t: 'zzz' } },
    { op: 'delete', key: 's3' },
    { op: 'delete', key: 'r07' },
    { op: 'update', key: 'r12', values: { t: 'apple' } },
  ];

  beforeAll(async () => {
    await database.createTable('merge_base', OVERLAY_COLUMNS, OVERLAY_ROWS);
    await database.createTable('merge_live', OVERLAY_COLUMNS, OVERLAY_ROWS);
    overlayBase = (await database.data.findTable(database.tenantId, 'merge_base'))!;
    liveTable = (await database.data.findTable(database.tenantId, 'merge_live'))!;
    mergeOverlay = new WriteOverlay();

    for (const write of WRITES) {
      await applyLive(write);
      await applyStaged(write);
    }
  });

  async function rowIdByKey(table: DataTableInfo, key: string, overlay?: WriteOverlay) {
    const query: RowQuery = {
      tableId: table.id,
      filters: [{ column: 'k', op: 'eq', value: key }],
      sort: [],
      limit: 1,
    };
    const fetch = (databaseQuery: RowQuery) =>
      database.data.queryRows(database.tenantId, databaseQuery);
    const [row] = overlay ? await overlay.query(table, query, fetch) : await fetch(query);
    return row!._id;
  }

  async function applyLive(write: Write) {
    const { data, tenantId } = database;
    if (write.op === 'insert') {
      await data.insertRow(tenantId, liveTable.id, castRow(write.values));
      return;
    }
    const rowId = await rowIdByKey(liveTable, write.key);
    if (write.op === 'update')
      await data.updateRow(tenantId, liveTable.id, rowId, castRow(write.values));
    else await data.deleteRow(tenantId, liveTable.id, rowId);
  }

  async function applyStaged(write: Write) {
    if (write.op === 'insert') {
      mergeOverlay.insert(overlayBase, castRow(write.values));
      return;
    }
    const rowId = await rowIdByKey(overlayBase, write.key, mergeOverlay);
    const current =
      mergeOverlay.findRow(overlayBase.id, rowId) ??
      (await database.data.findRow(database.tenantId, overlayBase.id, rowId))!;
    if (write.op === 'update') mergeOverlay.update(overlayBase, current, castRow(write.values));
    else mergeOverlay.delete(overlayBase.id, rowId);
  }

  const FILTERS: ResolvedFilter[][] = [
    [],
    [{ column: 'n', op: 'eq', value: 10 }],
    [{ column: 't', op: 'eq', value: 'apple' }],
    [{ column: 'n', op: 'gt', value: 5 }],
    [{ column: 'n', op: 'isNull' }],
    [{ column: 'b', op: 'eq', value: true }],
  ];
  const SORTS: ResolvedSort[][] = [
    [],
    [{ column: 'n', direction: 'asc' }],
    [{ column: 'n', direction: 'desc' }],
    [{ column: 't', direction: 'asc' }],
  ];
  const cases = FILTERS.flatMap((filters) =>
    SORTS.flatMap((sort) =>
      [100, 3, 1].map((limit) => ({
        filters,
        sort,
        limit,
        label: `${JSON.stringify(filters)} ${JSON.stringify(sort)} limit ${limit}`,
      })),
    ),
  );

  it.each(cases)('$label', async ({ filters, sort, limit }) => {
    const live = await database.data.queryRows(database.tenantId, {
      tableId: liveTable.id,
      filters,
      sort,
      limit,
    });
    const merged = await mergeOverlay.query(
      overlayBase,
      { tableId: overlayBase.id, filters, sort, limit },
      (query) => database.data.queryRows(database.tenantId, query),
    );

    expect(merged.map((row) => row.k)).toEqual(live.map((row) => row.k));
  });

  it('gives staged inserts ids after the stored rows', async () => {
    const merged = await mergeOverlay.query(
      overlayBase,
      { tableId: overlayBase.id, filters: [], sort: [], limit: 100 },
      (query) => database.data.queryRows(database.tenantId, query),
    );

    expect(merged.slice(-2).map((row) => [row._id, row.k])).toEqual([
      ['staged:1', 's1'],
      ['staged:2', 's2'],
    ]);
  });
});
