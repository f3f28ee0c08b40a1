import { existsSync, readFileSync, createReadStream } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, openTestDatabase } from '../../test/database';
import type { DatabaseHandle } from '../db/client';
import { createDataAccess } from '../engine-data';
import { countDataRows, findDataTableByName } from '../repositories/data-tables';
import { importCsv, type CsvImportOptions } from './import-csv';

const NORTHWIND_DIR = path.resolve(process.cwd(), '../shared/data/northwind');
const hasNorthwind = existsSync(NORTHWIND_DIR);

let handle: DatabaseHandle;
let tenantId: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'csv');
});

afterAll(async () => {
  await handle?.close();
});

function importText(
  tableName: string,
  text: string | Buffer,
  extra: Partial<CsvImportOptions> = {},
) {
  return importCsv(handle.db, {
    tenantId,
    tableName,
    source: text,
    fileName: `${tableName}.csv`,
    ...extra,
  });
}

describe.skipIf(!hasNorthwind)('Northwind import', () => {
  const tables = { orders: 830, customers: 91, products: 77, order_details: 2155 };

  beforeAll(async () => {
    for (const name of Object.keys(tables)) {
      const fileName = `${name}.csv`;
      await importCsv(handle.db, {
        tenantId,
        tableName: name,
        source: createReadStream(path.join(NORTHWIND_DIR, fileName)),
        fileName,
      });
    }
  }, 120_000);

  it.each(Object.entries(tables))('imports every row of %s', async (name, expected) => {
    const table = await findDataTableByName(handle.db, tenantId, name);

    expect(await countDataRows(handle.db, tenantId, table!.id)).toBe(expected);
  });

  it('infers column types of orders', async () => {
    const table = await findDataTableByName(handle.db, tenantId, 'orders');
    const types = Object.fromEntries(table!.columns.map((column) => [column.name, column.type]));

    expect(types).toMatchObject({
      orderID: 'number',
      customerID: 'text',
      orderDate: 'date',
      freight: 'number',
      shipRegion: 'text',
      shipPostalCode: 'text',
    });
  });

  it('keeps values as typed rows', async () => {
    const data = createDataAccess(handle.db);
    const orders = await data.findTable(tenantId, 'orders');

    const [order] = await data.queryRows(tenantId, {
      tableId: orders!.id,
      filters: [{ column: 'orderID', op: 'eq', value: 10248 }],
      sort: [],
      limit: 1,
    });

    expect(order).toMatchObject({
      customerID: 'VINET',
      orderDate: '1996-07-04T00:00:00.000Z',
      freight: 32.38,
      shipRegion: null,
    });
  });

  it('keeps a postal code with a leading zero as text', async () => {
    const data = createDataAccess(handle.db);
    const customers = await data.findTable(tenantId, 'customers');

    const [customer] = await data.queryRows(tenantId, {
      tableId: customers!.id,
      filters: [{ column: 'customerID', op: 'eq', value: 'ANATR' }],
      sort: [],
      limit: 1,
    });

    expect(customers!.columns.find((column) => column.name === 'postalCode')!.type).toBe('text');
    expect(customer!.postalCode).toBe('05021');
  });

  it('reads 0/1 discontinued flags as numbers', async () => {
    const products = await findDataTableByName(handle.db, tenantId, 'products');

    expect(products!.columns.find((column) => column.name === 'discontinued')!.type).toBe('number');
  });

  it('filters freight in SQL after the import', async () => {
    const data = createDataAccess(handle.db);
    const orders = await data.findTable(tenantId, 'orders');

    const expensive = await data.queryRows(tenantId, {
      tableId: orders!.id,
      filters: [{ column: 'freight', op: 'gt', value: 500 }],
      sort: [{ column: 'freight', direction: 'desc' }],
      limit: 100,
    });
    const expected = readFileSync(path.join(NORTHWIND_DIR, 'orders.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[7]))
      .filter((freight) => freight > 500);

    expect(expensive.map((order) => order.freight)).toEqual(expected.sort((a, b) => b - a));
  });
});

describe('CSV import', () => {
  it('creates a table with inferred columns', async () => {
    const result = await importText(
      'people',
      'name,age,member,joined\nAda,36,true,1851-01-01\nBob,,false,NULL\n',
    );

    expect(result).toMatchObject({ created: true, inserted: 2, skipped: [] });
    expect(result.columns).toEqual([
      { name: 'name', type: 'text' },
      { name: 'age', type: 'number' },
      { name: 'member', type: 'boolean' },
      { name: 'joined', type: 'date' },
    ]);
  });

  it('trims the column names of the header', async () => {
    const result = await importText('spaced', 'id, name ,city\n1,Ada,London\n');

    expect(result.columns.map((column) => column.name)).toEqual(['id', 'name', 'city']);
  });

  it('skips a byte order mark and blank lines', async () => {
    const result = await importText('bom', '\uFEFFcode,label\n\n1,one\n\n2,two\n');

    expect(result.columns.map((column) => column.name)).toEqual(['code', 'label']);
    expect(result.inserted).toBe(2);
  });

  it('reads quoted fields with commas, quotes and line breaks', async () => {
    const result = await importText('quoted', 'id,note\n1,"a, ""b""\nc"\n2,plain\n');
    const data = createDataAccess(handle.db);

    const rows = await data.queryRows(tenantId, {
      tableId: result.tableId,
      filters: [],
      sort: [],
      limit: 10,
    });

    expect(rows.map((row) => row.note)).toEqual(['a, "b"\nc', 'plain']);
  });

  it('appends to a table with the same columns in another order', async () => {
    const first = await importText('appended', 'a,b\n1,x\n');

    const second = await importText('appended', 'b,a\ny,2\n');

    expect(second).toMatchObject({ tableId: first.tableId, created: false, inserted: 1 });
    expect(await countDataRows(handle.db, tenantId, first.tableId)).toBe(2);
  });

  it('reports progress after each batch', async () => {
    const lines = Array.from({ length: 1200 }, (_, index) => `${index}`);
    const progress: number[] = [];

    await importText('batched', `n\n${lines.join('\n')}\n`, {
      onProgress: ({ inserted }) => progress.push(inserted),
    });

    expect(progress).toEqual([500, 1000, 1200]);
  });

  it('leaves nothing behind when loading fails', async () => {
    const importing = importText('rolled_back', 'n\n1\n2\n', {
      onProgress: () => {
        throw new Error('connection lost');
      },
    });

    await expect(importing).rejects.toThrow('connection lost');
    expect(await findDataTableByName(handle.db, tenantId, 'rolled_back')).toBeNull();
  });
});

describe('CSV import of bad input', () => {
  const failures: Array<[string, string | Buffer, string, string]> = [
    [
      'rows with the wrong number of fields',
      'a,b\n1,2\n3\n4,5,6\n',
      'CSV_INVALID_ROWS',
      'Cannot import "bad.csv": 2 lines are invalid, so nothing was imported. Fix them, or skip invalid lines (--skip-invalid) to import the rest:\n' +
        '  line 3: expected 2 fields, found 1\n' +
        '  line 4: expected 2 fields, found 3',
    ],
    [
      'a file that is not UTF-8',
      Buffer.concat([
        Buffer.from('city,zip\nParis,75001\n'),
        Buffer.from([0x4d, 0xfc, 0x6e]),
        Buffer.from('chen,80331\n'),
      ]),
      'CSV_INVALID_ROWS',
      'Cannot import "bad.csv": 1 line is invalid, so nothing was imported. Fix them, or skip invalid lines (--skip-invalid) to import the rest:\n' +
        '  line 3: invalid UTF-8; save the file as UTF-8',
    ],
    [
      'a duplicate header',
      'a,b,a\n1,2,3\n',
      'CSV_INVALID_HEADER',
      'Cannot import "bad.csv": the header line is invalid, so nothing was imported. Fix the header:\n' +
        '  line 1: duplicate column name "a" (columns 1 and 3)',
    ],
    [
      'an empty header',
      'a,,c\n1,2,3\n',
      'CSV_INVALID_HEADER',
      'Cannot import "bad.csv": the header line is invalid, so nothing was imported. Fix the header:\n' +
        '  line 1: column 2 has an empty name',
    ],
    [
      'a reserved header',
      '_id,name\n1,x\n',
      'CSV_INVALID_HEADER',
      'Cannot import "bad.csv": the header line is invalid, so nothing was imported. Fix the header:\n' +
        '  line 1: column 1 is named "_id", which is reserved for the row id; rename it',
    ],
    [
      'a header that is not UTF-8',
      Buffer.concat([Buffer.from([0x4d, 0xfc]), Buffer.from(',b\n1,2\n')]),
      'CSV_INVALID_HEADER',
      'Cannot import "bad.csv": the header line is invalid, so nothing was imported. Fix the header:\n' +
        '  line 1: invalid UTF-8; save the file as UTF-8',
    ],
    [
      'an empty file',
      '',
      'CSV_EMPTY',
      'Cannot import "bad.csv": the file is empty; its first line must name the columns',
    ],
    [
      'an unclosed quote',
      'a,b\n1,"open\n2,3\n',
      'CSV_INVALID_ROWS',
      'Cannot import "bad.csv": 1 line is invalid, so nothing was imported. Fix them, or skip invalid lines (--skip-invalid) to import the rest:\n' +
        '  line 2: a quoted field is not closed; end it with " and double any quote inside it',
    ],
    [
      'a record after a multi-line field',
      'a,b\n"x\ny",1\n3\n',
      'CSV_INVALID_ROWS',
      'Cannot import "bad.csv": 1 line is invalid, so nothing was imported. Fix them, or skip invalid lines (--skip-invalid) to import the rest:\n' +
        '  line 4: expected 2 fields, found 1',
    ],
    [
      'many bad lines',
      'a,b\n1\n2\n3\n4\n5\n6\n7\n',
      'CSV_INVALID_ROWS',
      'Cannot import "bad.csv": 7 lines are invalid, so nothing was imported. Fix them, or skip invalid lines (--skip-invalid) to import the rest:\n' +
        '  line 2: expected 2 fields, found 1\n' +
        '  line 3: expected 2 fields, found 1\n' +
        '  line 4: expected 2 fields, found 1\n' +
        '  line 5: expected 2 fields, found 1\n' +
        '  line 6: expected 2 fields, found 1\n' +
        '  ...and 2 more',
    ],
  ];

  it.each(failures)('rejects %s and creates no table', async (_name, text, code, message) => {
    await expect(importText('bad', text)).rejects.toMatchObject({
      name: 'CsvImportError',
      code,
      message,
    });
    expect(await findDataTableByName(handle.db, tenantId, 'bad')).toBeNull();
  });

  it('imports the valid rows and reports the skipped lines', async () => {
    const text = 'a,b\n1,2\n3\n4,"open\n5,6\n';

    const result = await importText('partial', text, { skipInvalid: true });

    expect(result.inserted).toBe(2);
    expect(result.skipped).toEqual([
      { line: 3, message: 'expected 2 fields, found 1' },
      {
        line: 4,
        message: 'a quoted field is not closed; end it with " and double any quote inside it',
      },
    ]);
  });

  it('rejects appending a file with other columns', async () => {
    await importText('fixed', 'a,b\n1,2\n');

    await expect(importText('fixed', 'a,c,d\n1,2,3\n')).rejects.toMatchObject({
      code: 'CSV_COLUMNS_MISMATCH',
      message:
        'Cannot append "fixed.csv" to table "fixed": the columns differ (missing from the file: "b"; not in the table: "c", "d"). Import it under another table name, or match the table\'s columns.',
    });
  });

  it('rejects appended values that do not fit the column types', async () => {
    await importText('typed', 'n,when\n1,2024-01-01\n');

    await expect(
      importText('typed', 'n,when\n2,2024-01-02\nthree,2024-01-03\n4,soon\n'),
    ).rejects.toMatchObject({
      code: 'CSV_INVALID_ROWS',
      message:
        'Cannot import "typed.csv": 2 lines are invalid, so nothing was imported. Fix them, or skip invalid lines (--skip-invalid) to import the rest:\n' +
        '  line 3: column "n" expects a number, found "three"\n' +
        '  line 4: column "when" expects a date, found "soon"',
    });
  });
});
