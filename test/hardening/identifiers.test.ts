/**
 * Identifiers as people type them: block ids, output keys, table and column names with spaces,
 * dots, quotes, backslashes and non-ASCII letters work in writes, filters, sorts, expressions, the
 * trace, HTTP headers, CSV import and the table browser. The few that cannot work are rejected
 * where they are entered, with a message that gives the reason.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { validateGraph } from '../../engine';
import type { WorkflowGraph } from '../../engine/types';
import { importCsv } from '../../lib/csv/import-csv';
import type { DatabaseHandle } from '../../lib/db/client';
import { listDataRows } from '../../lib/repositories/data-rows';
import { createDataTable } from '../../lib/repositories/data-tables';
import { createTestTenant, openTestDatabase } from '../database';
import { block, chain } from '../fixtures/engine-run';
import { respondJson, startTestServer, type TestServer } from '../fixtures/http-server';
import { allowHttpTargets, runToEnd, saveWorkflow, stepOf } from './support';

const TABLE = `order "items" ✓.v2's`;
const PRICE = 'unit price';
const NAME = 'naïve "quoted".name';
const DUE = "when's due";
const EXTRA = 'a.b\\c ü';

const BLOCK_IDS = {
  insert: 'insert row ✓',
  second: 'insert two',
  fetch: 'fetch "orders"',
  rename: 'rename.it',
  names: "naïve 'js'",
  call: 'call ✓ "api"',
};

function identifierGraph(origin: string): WorkflowGraph {
  return {
    nodes: [
      block(BLOCK_IDS.insert, 'write', {
        table: TABLE,
        operation: 'insert',
        values: {
          [PRICE]: '12.5',
          [NAME]: '"Zoë"',
          [DUE]: '"2024-05-01"',
          [EXTRA]: '({ "k.e y": ["ü"] })',
        },
        outputKey: 'inserted row',
      }),
      block(BLOCK_IDS.second, 'write', {
        table: TABLE,
        operation: 'insert',
        values: { [PRICE]: '3', [NAME]: '"Al"' },
        outputKey: 'second row',
      }),
      block(BLOCK_IDS.fetch, 'query', {
        table: TABLE,
        filters: [
          { column: PRICE, op: 'gt', value: '1' },
          { column: NAME, op: 'neq', value: '"nobody"' },
        ],
        sort: [
          { column: PRICE, direction: 'desc' },
          { column: NAME, direction: 'asc' },
        ],
        outputKey: 'fetched rows',
      }),
      block(BLOCK_IDS.rename, 'write', {
        table: TABLE,
        operation: 'update',
        rowId: 'vars["second row"]._id',
        values: { [NAME]: '"Al ✓"' },
        outputKey: 'renamed row',
      }),
      block(BLOCK_IDS.names, 'js', {
        code: `return vars["fetched rows"].map((row) => row[${JSON.stringify(NAME)}] + ":" + row[${JSON.stringify(PRICE)}]);`,
        outputKey: 'the names',
      }),
      block(BLOCK_IDS.call, 'http', {
        method: 'POST',
        url: `'${origin}/hook'`,
        body: 'vars["the names"]',
        outputKey: 'call result',
      }),
    ],
    edges: chain(
      BLOCK_IDS.insert,
      BLOCK_IDS.second,
      BLOCK_IDS.fetch,
      BLOCK_IDS.rename,
      BLOCK_IDS.names,
      BLOCK_IDS.call,
    ),
  };
}

let handle: DatabaseHandle;
let tenantId: string;
let tableId: string;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((_request, response) => respondJson(response, 200, { ok: true }));
  allowHttpTargets([server.hostPort]);
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'names');
  tableId = await createOrderItems(tenantId);
});

async function createOrderItems(tenant: string): Promise<string> {
  const table = await createDataTable(handle.db, tenant, {
    name: TABLE,
    columns: [
      { name: PRICE, type: 'number' },
      { name: NAME, type: 'text' },
      { name: DUE, type: 'date' },
      { name: EXTRA, type: 'json' },
    ],
  });
  return table.id;
}

afterAll(async () => {
  await handle?.close();
  await server?.close();
});

describe('identifiers with spaces, quotes and unicode', () => {
  it('work in a live run from write to request', async () => {
    const workflow = await saveWorkflow(handle, tenantId, identifierGraph(server.origin));

    const run = await runToEnd(handle, tenantId, workflow, { mode: 'live' });

    expect(run.errorMessage).toBeNull();
    expect(run.status).toBe('success');
    expect(run.trace?.steps.map((step) => step.blockId)).toEqual(Object.values(BLOCK_IDS));
    expect(stepOf(run, BLOCK_IDS.fetch).output).toEqual([
      {
        _id: expect.any(String),
        [PRICE]: 12.5,
        [NAME]: 'Zoë',
        [DUE]: '2024-05-01T00:00:00.000Z',
        [EXTRA]: { 'k.e y': ['ü'] },
      },
      { _id: expect.any(String), [PRICE]: 3, [NAME]: 'Al', [DUE]: null, [EXTRA]: null },
    ]);
    expect(stepOf(run, BLOCK_IDS.names).output).toEqual(['Zoë:12.5', 'Al:3']);
    expect(run.assignments?.map((assignment) => assignment.key)).toEqual([
      'inserted row',
      'second row',
      'fetched rows',
      'renamed row',
      'the names',
      'call result',
    ]);
    expect(server.requests.at(-1)?.headers['idempotency-key']).toBe(
      `${run.id}:call%20%E2%9C%93%20"api"`,
    );
    expect(JSON.parse(server.requests.at(-1)!.body)).toEqual(['Zoë:12.5', 'Al:3']);
  });

  it('sort the table browser by such a column', async () => {
    const page = await listDataRows(handle.db, tenantId, tableId, {
      sort: { column: NAME, direction: 'desc' },
    });

    expect(page?.rows.map((row) => row[NAME])).toEqual(['Zoë', 'Al ✓']);
    expect(page?.rows.map((row) => row[PRICE])).toEqual([12.5, 3]);
  });

  it('work in a preview run over staged rows', async () => {
    const previewTenant = await createTestTenant(handle, 'names-preview');
    const previewTableId = await createOrderItems(previewTenant);
    const workflow = await saveWorkflow(handle, previewTenant, identifierGraph(server.origin));
    const sentBefore = server.requests.length;

    const run = await runToEnd(handle, previewTenant, workflow, { mode: 'preview' });

    expect(run.status).toBe('success');
    expect(stepOf(run, BLOCK_IDS.rename).output).toMatchObject({ [NAME]: 'Al ✓', [PRICE]: 3 });
    expect(stepOf(run, BLOCK_IDS.names).output).toEqual(['Zoë:12.5', 'Al:3']);
    expect((await listDataRows(handle.db, previewTenant, previewTableId))?.rows).toEqual([]);
    expect(stepOf(run, BLOCK_IDS.call).sideEffects?.staged).toBe(true);
    expect(server.requests).toHaveLength(sentBefore);
  });

  it('come through a CSV import into a sortable table', async () => {
    const csv = [`"${PRICE}","naïve ""quoted"".name",ü.code`, '1.5,x,007', '2,"y, z",008', ''].join(
      '\n',
    );

    const imported = await importCsv(handle.db, {
      tenantId,
      tableName: 'imported "stock" ✓',
      fileName: 'stock ✓.csv',
      source: Buffer.from(csv, 'utf8'),
    });
    const page = await listDataRows(handle.db, tenantId, imported.tableId, {
      sort: { column: NAME, direction: 'desc' },
    });

    expect(page?.table.columns).toEqual([
      { name: PRICE, type: 'number' },
      { name: NAME, type: 'text' },
      { name: 'ü.code', type: 'text' },
    ]);
    expect(page?.rows.map((row) => [row[PRICE], row[NAME], row['ü.code']])).toEqual([
      [2, 'y, z', '008'],
      [1.5, 'x', '007'],
    ]);
  });
});

describe('identifiers that cannot work', () => {
  it.each([
    {
      name: 'a column named _id',
      columns: [{ name: '_id', type: 'text' as const }],
      message:
        'Table "bad": "_id" is reserved for the row id and cannot be a column name; rename the column',
    },
    {
      name: 'a column named __proto__',
      columns: [{ name: '__proto__', type: 'text' as const }],
      message:
        'Table "bad": "__proto__" is reserved in JavaScript objects and cannot be a column name; rename the column',
    },
    {
      name: 'a column name with a line break',
      columns: [{ name: 'unit\nprice', type: 'number' as const }],
      message: 'Table "bad": column name "unit\\nprice" contains a control character',
    },
  ])('table with $name is rejected', async ({ columns, message }) => {
    await expect(createDataTable(handle.db, tenantId, { name: 'bad', columns })).rejects.toThrow(
      message,
    );
  });

  it('table name with a control character is rejected', async () => {
    await expect(
      createDataTable(handle.db, tenantId, {
        name: 'bad\u0007name',
        columns: [{ name: 'a', type: 'text' }],
      }),
    ).rejects.toThrow('Data table name "bad\\u0007name" must not contain control characters');
  });

  it.each([
    {
      name: 'a block id with a line break',
      graph: { nodes: [block('fetch\norders', 'output', { value: '1' })], edges: [] },
      message: 'Node 0: the block id "fetch\\norders" contains a control character',
    },
    {
      name: 'an output key __proto__',
      graph: {
        nodes: [block('sum', 'js', { code: 'return 1;', outputKey: '__proto__' })],
        edges: [],
      },
      message:
        'JS block "sum": outputKey "__proto__" is reserved in JavaScript objects; choose another name',
    },
    {
      name: 'a loop item name with a space',
      graph: { nodes: [block('each', 'loop', { items: '[]', as: 'the order' })], edges: [] },
      message:
        'Loop block "each": as must be a JavaScript identifier other than vars, input and index, got "the order"',
    },
  ])('graph with $name is rejected', ({ graph, message }) => {
    expect(validateGraph(graph).map((problem) => problem.message)).toEqual([message]);
  });
});
