import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DataAccess, DataRow, ResolvedFilter, ResolvedSort } from '../engine/data';
import { createTestTenant, openTestDatabase } from '../test/database';
import type { DatabaseHandle } from './db/client';
import { createDataAccess } from './engine-data';
import { createDataTable } from './repositories/data-tables';

let handle: DatabaseHandle;
let data: DataAccess;
let tenantId: string;
let tableId: string;

const COLUMNS = [
  { name: 'key', type: 'text' as const },
  { name: 'name', type: 'text' as const },
  { name: 'freight', type: 'number' as const },
  { name: 'shipped', type: 'date' as const },
  { name: 'paid', type: 'boolean' as const },
  { name: 'meta', type: 'json' as const },
];

const ROWS = [
  {
    key: 'r1',
    name: 'Alpha',
    freight: 10,
    shipped: '2024-01-01',
    paid: true,
    meta: { tags: ['a'] },
  },
  {
    key: 'r2',
    name: 'beta',
    freight: 600,
    shipped: '2024-03-01T12:00:00Z',
    paid: false,
    meta: null,
  },
  { key: 'r3', name: 'Gamma "q"', freight: null, shipped: null, paid: null },
  { key: 'r4', name: null, freight: 500, shipped: '2023-12-31', paid: true, meta: [1, 2] },
  {
    key: 'r5',
    name: 'alpha',
    freight: 10.5,
    shipped: '2024-01-01T00:00:00+02:00',
    paid: false,
    meta: 'x',
  },
];

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'engine-data');
  data = createDataAccess(handle.db);

  const table = await createDataTable(handle.db, tenantId, { name: 'orders', columns: COLUMNS });
  tableId = table.id;
  for (const row of ROWS) {
    await data.insertRow(tenantId, tableId, row);
  }
});

afterAll(async () => {
  await handle?.close();
});

async function keysOf(filters: ResolvedFilter[], sort: ResolvedSort[] = [], limit = 100) {
  const rows = await data.queryRows(tenantId, { tableId, filters, sort, limit });
  return rows.map((row) => row.key);
}

describe('queryRows filters', () => {
  const cases: Array<[string, ResolvedFilter[], string[]]> = [
    ['eq on text is case-sensitive', [{ column: 'name', op: 'eq', value: 'alpha' }], ['r5']],
    ['neq skips null values', [{ column: 'name', op: 'neq', value: 'alpha' }], ['r1', 'r2', 'r3']],
    ['gt on number', [{ column: 'freight', op: 'gt', value: 500 }], ['r2']],
    ['gte on number', [{ column: 'freight', op: 'gte', value: 500 }], ['r2', 'r4']],
    ['lt on number skips null', [{ column: 'freight', op: 'lt', value: 11 }], ['r1', 'r5']],
    ['lte on number with decimals', [{ column: 'freight', op: 'lte', value: 10.5 }], ['r1', 'r5']],
    ['neq on number skips null', [{ column: 'freight', op: 'neq', value: 10 }], ['r2', 'r4', 'r5']],
    [
      'eq on date compares instants',
      [{ column: 'shipped', op: 'eq', value: '2023-12-31T22:00:00.000Z' }],
      ['r5'],
    ],
    ['gt on date', [{ column: 'shipped', op: 'gt', value: '2024-01-01' }], ['r2']],
    [
      'lte on date',
      [{ column: 'shipped', op: 'lte', value: '2024-01-01T00:00:00Z' }],
      ['r1', 'r4', 'r5'],
    ],
    ['eq on boolean', [{ column: 'paid', op: 'eq', value: false }], ['r2', 'r5']],
    ['neq on boolean skips null', [{ column: 'paid', op: 'neq', value: true }], ['r2', 'r5']],
    [
      'contains on text is a case-sensitive substring',
      [{ column: 'name', op: 'contains', value: 'lph' }],
      ['r1', 'r5'],
    ],
    ['contains on text with a quote', [{ column: 'name', op: 'contains', value: '"q"' }], ['r3']],
    ['contains on text treats % literally', [{ column: 'name', op: 'contains', value: '%' }], []],
    ['in on text', [{ column: 'name', op: 'in', value: ['beta', 'Alpha', 'x,y"z'] }], ['r1', 'r2']],
    ['in on number', [{ column: 'freight', op: 'in', value: [500, 10.5] }], ['r4', 'r5']],
    [
      'in on date',
      [{ column: 'shipped', op: 'in', value: ['2024-01-01', '2023-12-31'] }],
      ['r1', 'r4'],
    ],
    ['in on boolean', [{ column: 'paid', op: 'in', value: [true] }], ['r1', 'r4']],
    ['in with an empty array matches nothing', [{ column: 'freight', op: 'in', value: [] }], []],
    ['in ignores null items', [{ column: 'freight', op: 'in', value: [null, 600] }], ['r2']],
    [
      'comparison with a null value matches nothing',
      [{ column: 'freight', op: 'eq', value: null }],
      [],
    ],
    ['isNull matches missing keys and JSON null', [{ column: 'meta', op: 'isNull' }], ['r2', 'r3']],
    ['notNull on json', [{ column: 'meta', op: 'notNull' }], ['r1', 'r4', 'r5']],
    ['isNull on number', [{ column: 'freight', op: 'isNull' }], ['r3']],
    ['notNull on text', [{ column: 'name', op: 'notNull' }], ['r1', 'r2', 'r3', 'r5']],
    ['eq on json compares JSON values', [{ column: 'meta', op: 'eq', value: [1, 2] }], ['r4']],
    ['neq on json skips JSON null', [{ column: 'meta', op: 'neq', value: 'x' }], ['r1', 'r4']],
    [
      'contains on json is containment',
      [{ column: 'meta', op: 'contains', value: { tags: ['a'] } }],
      ['r1'],
    ],
    ['contains on a json array element', [{ column: 'meta', op: 'contains', value: 2 }], ['r4']],
    [
      'several filters are combined with and',
      [
        { column: 'paid', op: 'eq', value: true },
        { column: 'freight', op: 'lt', value: 100 },
      ],
      ['r1'],
    ],
  ];

  it.each(cases)('%s', async (_name, filters, expected) => {
    expect(await keysOf(filters)).toEqual(expected);
  });
});

describe('queryRows sort and limit', () => {
  it('sorts ascending with nulls last and id as tie breaker', async () => {
    expect(await keysOf([], [{ column: 'paid', direction: 'asc' }])).toEqual([
      'r2',
      'r5',
      'r1',
      'r4',
      'r3',
    ]);
  });

  it('sorts descending with nulls first and id as tie breaker', async () => {
    expect(await keysOf([], [{ column: 'freight', direction: 'desc' }])).toEqual([
      'r3',
      'r2',
      'r4',
      'r5',
      'r1',
    ]);
  });

  it('sorts text by code point, uppercase before lowercase', async () => {
    expect(await keysOf([], [{ column: 'name', direction: 'asc' }])).toEqual([
      'r1',
      'r3',
      'r5',
      'r2',
      'r4',
    ]);
  });

  it('sorts dates as instants', async () => {
    expect(await keysOf([], [{ column: 'shipped', direction: 'asc' }])).toEqual([
      'r4',
      'r5',
      'r1',
      'r2',
      'r3',
    ]);
  });

  it('orders by id without a sort', async () => {
    expect(await keysOf([])).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('applies the limit after sorting', async () => {
    expect(await keysOf([], [{ column: 'freight', direction: 'asc' }], 2)).toEqual(['r1', 'r5']);
  });

  it('uses later sort columns for ties', async () => {
    const sort: ResolvedSort[] = [
      { column: 'paid', direction: 'desc' },
      { column: 'freight', direction: 'desc' },
    ];

    expect(await keysOf([], sort)).toEqual(['r3', 'r4', 'r1', 'r2', 'r5']);
  });
});

describe('queryRows rows', () => {
  it('returns _id and every column in table order with stored values', async () => {
    const [row] = await data.queryRows(tenantId, {
      tableId,
      filters: [{ column: 'key', op: 'eq', value: 'r5' }],
      sort: [],
      limit: 1,
    });

    expect(Object.keys(row!)).toEqual(['_id', 'key', 'name', 'freight', 'shipped', 'paid', 'meta']);
    expect(row!._id).toMatch(/^\d+$/);
    expect(row).toMatchObject({
      freight: 10.5,
      shipped: '2023-12-31T22:00:00.000Z',
      paid: false,
      meta: 'x',
    });
  });

  it('fills missing columns with null', async () => {
    const [row] = await data.queryRows(tenantId, {
      tableId,
      filters: [{ column: 'key', op: 'eq', value: 'r3' }],
      sort: [],
      limit: 1,
    });

    expect(row!.meta).toBeNull();
  });
});

describe('queryRows errors', () => {
  const cases: Array<[string, ResolvedFilter[], ResolvedSort[], string, string]> = [
    [
      'unknown filter column',
      [{ column: 'freigth', op: 'gt', value: 1 }],
      [],
      'UNKNOWN_COLUMN',
      'Table "orders" has no column "freigth" to filter on (columns: key, name, freight, shipped, paid, meta)',
    ],
    [
      'unknown sort column',
      [],
      [{ column: 'total', direction: 'asc' }],
      'UNKNOWN_COLUMN',
      'Table "orders" has no column "total" to sort on (columns: key, name, freight, shipped, paid, meta)',
    ],
    [
      'range operator on json',
      [{ column: 'meta', op: 'gt', value: 1 }],
      [],
      'INVALID_FILTER',
      'Table "orders": cannot filter json column "meta" by "gt", which json columns do not support (use eq, neq, contains, isNull or notNull)',
    ],
    [
      'string value on a number column',
      [{ column: 'freight', op: 'gt', value: '500' }],
      [],
      'INVALID_FILTER',
      'Table "orders": cannot filter number column "freight" by "gt" with "500" (string); expected a finite number',
    ],
    [
      'invalid date value',
      [{ column: 'shipped', op: 'lt', value: 'yesterday' }],
      [],
      'INVALID_FILTER',
      'Table "orders": cannot filter date column "shipped" by "lt" with "yesterday" (string); expected an ISO 8601 date string',
    ],
    [
      'contains on a number column',
      [{ column: 'freight', op: 'contains', value: 5 }],
      [],
      'INVALID_FILTER',
      'Table "orders": cannot filter number column "freight" by "contains", which number columns do not support (use it on text or json columns)',
    ],
    [
      'in without an array',
      [{ column: 'freight', op: 'in', value: 5 }],
      [],
      'INVALID_FILTER',
      'Table "orders": cannot filter number column "freight" by "in" with 5 (number); "in" expects an array',
    ],
    [
      'in with a wrong item type',
      [{ column: 'paid', op: 'in', value: [true, 'no'] }],
      [],
      'INVALID_FILTER',
      'Table "orders": cannot filter boolean column "paid" by "in" with "no" (string); expected a boolean',
    ],
    [
      'sort by a json column',
      [],
      [{ column: 'meta', direction: 'asc' }],
      'INVALID_SORT',
      'Table "orders": cannot sort by json column "meta"; sort by a text, number, boolean or date column',
    ],
  ];

  it.each(cases)('rejects %s', async (_name, filters, sort, code, message) => {
    const query = data.queryRows(tenantId, { tableId, filters, sort, limit: 10 });

    await expect(query).rejects.toMatchObject({ code, message });
  });

  it('rejects a negative limit', async () => {
    const query = data.queryRows(tenantId, { tableId, filters: [], sort: [], limit: -1 });

    await expect(query).rejects.toThrow(
      'Table "orders": limit must be an integer from 0 to 100000, got -1',
    );
  });
});

describe('writes', () => {
  it('inserts a row and returns it with normalised values', async () => {
    const row = await data.insertRow(tenantId, tableId, {
      key: 'w1',
      shipped: '1996-07-04 00:00:00.000',
    });

    expect(row).toEqual({
      _id: row._id,
      key: 'w1',
      name: null,
      freight: null,
      shipped: '1996-07-04T00:00:00.000Z',
      paid: null,
      meta: null,
    });
  });

  it('finds an inserted row by id', async () => {
    const inserted = await data.insertRow(tenantId, tableId, { key: 'w2', freight: 1 });

    expect(await data.findRow(tenantId, tableId, inserted._id)).toEqual(inserted);
  });

  it('merges updated values into the row', async () => {
    const inserted = await data.insertRow(tenantId, tableId, { key: 'w3', freight: 1, paid: true });

    const updated = await data.updateRow(tenantId, tableId, inserted._id, {
      freight: 2,
      paid: null,
    });

    expect(updated).toMatchObject({ key: 'w3', freight: 2, paid: null });
  });

  it('deletes a row once', async () => {
    const inserted = await data.insertRow(tenantId, tableId, { key: 'w4' });

    expect(await data.deleteRow(tenantId, tableId, inserted._id)).toBe(true);
    expect(await data.deleteRow(tenantId, tableId, inserted._id)).toBe(false);
    expect(await data.findRow(tenantId, tableId, inserted._id)).toBeNull();
  });

  it('returns null or false for unknown and malformed row ids', async () => {
    expect(await data.findRow(tenantId, tableId, '999999999')).toBeNull();
    expect(await data.findRow(tenantId, tableId, 'abc')).toBeNull();
    expect(await data.updateRow(tenantId, tableId, '999999999', { freight: 1 })).toBeNull();
    expect(await data.deleteRow(tenantId, tableId, '-1')).toBe(false);
  });

  const invalidWrites: Array<[string, Record<string, unknown>, string, string]> = [
    [
      'a string in a number column',
      { freight: '12' },
      'INVALID_VALUE',
      'Table "orders": column "freight" expects a finite number, got "12" (string)',
    ],
    [
      'an infinite number',
      { freight: Infinity },
      'INVALID_VALUE',
      'Table "orders": column "freight" expects a finite number, got Infinity (number)',
    ],
    [
      'an invalid date',
      { shipped: '2023-02-30' },
      'INVALID_VALUE',
      'Table "orders": column "shipped" expects an ISO 8601 date string such as "2024-05-01" or "2024-05-01T12:00:00Z", got "2023-02-30" (string)',
    ],
    [
      'a number in a boolean column',
      { paid: 1 },
      'INVALID_VALUE',
      'Table "orders": column "paid" expects a boolean, got 1 (number)',
    ],
    [
      'a number in a text column',
      { name: 5 },
      'INVALID_VALUE',
      'Table "orders": column "name" expects a string without NUL characters, got 5 (number)',
    ],
    [
      'a non-JSON value in a json column',
      { meta: { at: new Date(0) } },
      'INVALID_VALUE',
      'Table "orders": column "meta" expects a JSON value (finite numbers, strings without NUL characters, plain objects and arrays), got {"at":"1970-01-01T00:00:00.000Z"} (object)',
    ],
    [
      'unknown columns',
      { key: 'x', freigth: 1, total: 2 },
      'UNKNOWN_COLUMN',
      'Table "orders" has no columns "freigth", "total" (columns: key, name, freight, shipped, paid, meta)',
    ],
    [
      'the reserved _id key',
      { _id: '1' },
      'RESERVED_COLUMN',
      'Table "orders": "_id" is the row id and cannot be written; pass the row id separately',
    ],
  ];

  it.each(invalidWrites)('rejects %s', async (_name, values, code, message) => {
    await expect(data.insertRow(tenantId, tableId, values)).rejects.toMatchObject({
      code,
      message,
    });
  });

  it('rejects an invalid update before touching the row', async () => {
    const inserted = await data.insertRow(tenantId, tableId, { key: 'w5', freight: 3 });

    await expect(
      data.updateRow(tenantId, tableId, inserted._id, { freight: 'many' }),
    ).rejects.toMatchObject({
      code: 'INVALID_VALUE',
    });
    expect((await data.findRow(tenantId, tableId, inserted._id))!.freight).toBe(3);
  });
});

describe('tenant scoping', () => {
  let otherTenantId: string;

  beforeAll(async () => {
    otherTenantId = await createTestTenant(handle, 'engine-data-other');
  });

  it('finds no table of another tenant by name', async () => {
    expect(await data.findTable(otherTenantId, 'orders')).toBeNull();
    expect(await data.findTable(tenantId, 'orders')).toMatchObject({ id: tableId, name: 'orders' });
  });

  it('rejects reads and writes on another tenant table', async () => {
    const other = createDataAccess(handle.db);
    const notFound = { code: 'TABLE_NOT_FOUND', message: `Data table "${tableId}" was not found` };

    await expect(
      other.queryRows(otherTenantId, { tableId, filters: [], sort: [], limit: 1 }),
    ).rejects.toMatchObject(notFound);
    await expect(other.insertRow(otherTenantId, tableId, { key: 'x' })).rejects.toMatchObject(
      notFound,
    );
    await expect(other.deleteRow(otherTenantId, tableId, '1')).rejects.toMatchObject(notFound);
  });

  it('keeps the cached table of one tenant from another tenant', async () => {
    await data.findTable(tenantId, 'orders');

    await expect(data.findRow(otherTenantId, tableId, '1')).rejects.toMatchObject({
      code: 'TABLE_NOT_FOUND',
    });
  });
});

describe('special column names', () => {
  it('filters and sorts on names with quotes, spaces, dots and unicode', async () => {
    const columns = [
      { name: `it's "the" no.`, type: 'number' as const },
      { name: 'größe ü', type: 'text' as const },
      { name: 'a\\b', type: 'date' as const },
    ];
    const table = await createDataTable(handle.db, tenantId, { name: `odd "names"`, columns });
    const rows: DataRow[] = [];
    for (const [index, size] of ['S', 'M', 'L'].entries()) {
      rows.push(
        await data.insertRow(tenantId, table.id, {
          [columns[0]!.name]: index,
          'größe ü': size,
          'a\\b': '2024-01-0' + (index + 1),
        }),
      );
    }

    const found = await data.queryRows(tenantId, {
      tableId: table.id,
      filters: [
        { column: `it's "the" no.`, op: 'gte', value: 1 },
        { column: 'a\\b', op: 'lt', value: '2024-01-03' },
      ],
      sort: [{ column: 'größe ü', direction: 'desc' }],
      limit: 10,
    });

    expect(found.map((row) => row['größe ü'])).toEqual(['M']);
    expect(found[0]).toEqual(rows[1]);
  });
});

describe('cancellation', () => {
  it('rejects with the abort reason before running when the signal already fired', async () => {
    const reason = new Error('run time limit reached');

    await expect(
      data.insertRow(tenantId, tableId, { key: 'aborted' }, AbortSignal.abort(reason)),
    ).rejects.toBe(reason);
    expect(await keysOf([{ column: 'key', op: 'eq', value: 'aborted' }])).toEqual([]);
  });
});

describe('long text values', () => {
  const shared = 'x'.repeat(250);
  let longTableId: string;

  beforeAll(async () => {
    const table = await createDataTable(handle.db, tenantId, {
      name: 'notes',
      columns: [
        { name: 'key', type: 'text' },
        { name: 'body', type: 'text' },
      ],
    });
    longTableId = table.id;
    await data.insertRow(tenantId, longTableId, { key: 'b', body: `${shared}b` });
    await data.insertRow(tenantId, longTableId, { key: 'a', body: `${shared}a` });
    await data.insertRow(tenantId, longTableId, { key: 'big', body: 'é'.repeat(20_000) });
  });

  async function bodyKeys(filters: ResolvedFilter[], sort: ResolvedSort[] = []) {
    const rows = await data.queryRows(tenantId, { tableId: longTableId, filters, sort, limit: 10 });
    return rows.map((row) => row.key);
  }

  it('stores text longer than the indexed prefix', async () => {
    expect(await bodyKeys([{ column: 'body', op: 'eq', value: 'é'.repeat(20_000) }])).toEqual([
      'big',
    ]);
  });

  it('compares values that differ after the prefix', async () => {
    expect(await bodyKeys([{ column: 'body', op: 'eq', value: `${shared}a` }])).toEqual(['a']);
    expect(await bodyKeys([{ column: 'body', op: 'gt', value: `${shared}a` }])).toEqual([
      'b',
      'big',
    ]);
    expect(await bodyKeys([{ column: 'body', op: 'lte', value: `${shared}a` }])).toEqual(['a']);
    expect(await bodyKeys([{ column: 'body', op: 'in', value: [`${shared}b`, 'y'] }])).toEqual([
      'b',
    ]);
  });

  it('sorts values that share the prefix by the whole value', async () => {
    expect(await bodyKeys([], [{ column: 'body', direction: 'asc' }])).toEqual(['a', 'b', 'big']);
    expect(await bodyKeys([], [{ column: 'body', direction: 'desc' }])).toEqual(['big', 'b', 'a']);
  });
});
