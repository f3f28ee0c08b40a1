/**
 * Values keep their type end to end: what a write stores, a query returns, a js block receives
 * and returns, the trace records and a replay reuses are one value of one type. The cases are
 * strings that look like numbers, a number beyond 2^53, dates, nulls and nested JSON.
 *
 * Numbers are IEEE 754 doubles everywhere. Every double survives the whole way, 2^60 included,
 * because jsonb keeps the digits JSON.stringify writes and JSON.parse reads them back to the same
 * double. An integer that arrives as text and that a double cannot hold (an HTTP response's
 * `12345678901234567890`) is kept as a string with every digit instead of being rounded.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '../../engine/types';
import type { DatabaseHandle } from '../../lib/db/client';
import { listDataRows } from '../../lib/repositories/data-rows';
import { createDataTable } from '../../lib/repositories/data-tables';
import { createTestTenant, openTestDatabase } from '../database';
import { block, chain } from '../fixtures/engine-run';
import { startTestServer, type TestServer } from '../fixtures/http-server';
import { allowHttpTargets, replayToEnd, runToEnd, saveWorkflow, stepOf } from './support';

const BIG = 2 ** 60;
const EXTERNAL_ID = '12345678901234567890';

const INPUT = {
  code: '00123',
  exponent: '1e3',
  big: BIG,
  when: '2024-05-01T10:00:00.000Z',
  nothing: null,
  payload: {
    code: '00123',
    exponent: '1e3',
    big: BIG,
    when: '2024-05-01T10:00:00.000Z',
    nothing: null,
    list: ['0', 0, null, { 'a.b': [true, false] }],
  },
};

/** The row as every stage must see it. */
const ROW = {
  _id: expect.any(String),
  code: '00123',
  exponent: '1e3',
  big: BIG,
  when: '2024-05-01T10:00:00.000Z',
  nothing: null,
  payload: INPUT.payload,
  external_id: EXTERNAL_ID,
};

const TYPES = {
  _id: 'string',
  code: 'string',
  exponent: 'string',
  big: 'number',
  when: 'string',
  nothing: 'null',
  payload: 'object',
  external_id: 'string',
};

const DESCRIBE_TYPES = `
const describe = (value) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
return Object.fromEntries(Object.entries(vars.row).map(([key, value]) => [key, describe(value)]));
`;

function valuesGraph(origin: string): WorkflowGraph {
  return {
    nodes: [
      block('lookup', 'http', {
        method: 'GET',
        url: `'${origin}/customer'`,
        outputKey: 'customer',
      }),
      block('save', 'write', {
        table: 'values',
        operation: 'insert',
        values: {
          code: 'input.code',
          exponent: 'input.exponent',
          big: 'input.big',
          when: 'input.when',
          nothing: 'input.nothing',
          payload: 'input.payload',
          external_id: 'vars.customer.body.id',
        },
        outputKey: 'saved',
      }),
      block('load', 'query', {
        table: 'values',
        filters: [
          { column: 'code', op: 'eq', value: 'input.code' },
          { column: 'big', op: 'eq', value: 'input.big' },
        ],
        single: true,
        outputKey: 'row',
      }),
      block('types', 'js', { code: DESCRIBE_TYPES, outputKey: 'types' }),
      block('echo', 'js', { code: 'return vars.row;', outputKey: 'echoed' }),
      block('out', 'output', { value: '({ row: vars.echoed, types: vars.types })' }),
    ],
    edges: chain('lookup', 'save', 'load', 'types', 'echo', 'out'),
  };
}

let handle: DatabaseHandle;
let tenantId: string;
let tableId: string;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(`{"id": ${EXTERNAL_ID}, "visits": 3}`);
  });
  allowHttpTargets([server.hostPort]);
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'values');
  const table = await createDataTable(handle.db, tenantId, {
    name: 'values',
    columns: [
      { name: 'code', type: 'text' },
      { name: 'exponent', type: 'text' },
      { name: 'big', type: 'number' },
      { name: 'when', type: 'date' },
      { name: 'nothing', type: 'text' },
      { name: 'payload', type: 'json' },
      { name: 'external_id', type: 'text' },
    ],
  });
  tableId = table.id;
});

afterAll(async () => {
  await handle?.close();
  await server?.close();
});

describe('value types end to end', () => {
  it('are the same from write to replay', async () => {
    const workflow = await saveWorkflow(handle, tenantId, valuesGraph(server.origin));

    const run = await runToEnd(handle, tenantId, workflow, { mode: 'live', input: INPUT });
    const loadStep = stepOf(run, 'load');
    const replay = await replayToEnd(handle, tenantId, run, loadStep.index);
    const stored = await listDataRows(handle.db, tenantId, tableId);

    expect(run.errorMessage).toBeNull();
    expect(stepOf(run, 'lookup').output).toMatchObject({ body: { id: EXTERNAL_ID, visits: 3 } });
    expect(stepOf(run, 'save').output).toEqual(ROW);
    expect(loadStep.output).toEqual(ROW);
    expect(stepOf(run, 'types').output).toEqual(TYPES);
    expect(stepOf(run, 'echo').output).toEqual(ROW);
    expect(run.output).toEqual({ row: ROW, types: TYPES });
    expect(run.assignments?.find((assignment) => assignment.key === 'row')?.value).toEqual(ROW);
    expect(stored?.rows).toEqual([ROW]);

    expect(replay.status).toBe('success');
    expect(stepOf(replay, 'load').skipReason).toBe('snapshot satisfied (cached output)');
    expect(stepOf(replay, 'types').output).toEqual(TYPES);
    expect(stepOf(replay, 'echo').output).toEqual(ROW);
    expect(replay.output).toEqual(run.output);
  });

  it('keep a number beyond 2^53 exactly', async () => {
    const stored = await listDataRows(handle.db, tenantId, tableId);

    expect(stored?.rows[0]?.big).toBe(1152921504606846976);
    expect(Number.isSafeInteger(stored?.rows[0]?.big)).toBe(false);
  });
});
