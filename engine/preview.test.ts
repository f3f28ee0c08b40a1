import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openEngineDatabase, type EngineDatabase } from '../test/fixtures/engine-database';
import { block, chain, runOn, stepOf } from '../test/fixtures/engine-run';
import { respondJson, startTestServer, type TestServer } from '../test/fixtures/http-server';
import type { DataRow } from './data';
import type { WorkflowGraph } from './types';

let database: EngineDatabase;
let tableId: string;
let server: TestServer;

beforeAll(async () => {
  database = await openEngineDatabase('preview');
  tableId = await database.createTable(
    'customers',
    [
      { name: 'name', type: 'text' },
      { name: 'credit', type: 'number' },
    ],
    [
      { name: 'Ana', credit: 10 },
      { name: 'Bo', credit: 20 },
    ],
  );
  server = await startTestServer((_request, response) => respondJson(response, 200, { ok: true }));
});

afterAll(async () => {
  await server?.close();
  await database?.close();
});

async function storedRows(): Promise<DataRow[]> {
  return database.data.queryRows(database.tenantId, { tableId, filters: [], sort: [], limit: 100 });
}

const WRITE_THEN_READ: WorkflowGraph = {
  nodes: [
    block('bo', 'query', {
      table: 'customers',
      filters: [{ column: 'name', op: 'eq', value: '"Bo"' }],
      single: true,
      outputKey: 'bo',
    }),
    block('add', 'write', {
      table: 'customers',
      operation: 'insert',
      values: { name: '"Cy"', credit: '"30"' },
      outputKey: 'added',
    }),
    block('raise', 'write', {
      table: 'customers',
      operation: 'update',
      rowId: 'vars.bo._id',
      values: { credit: '25' },
      outputKey: 'raised',
    }),
    block('drop', 'write', {
      table: 'customers',
      operation: 'delete',
      rowId: 'vars.bo._id',
      outputKey: 'dropped',
      condition: 'false',
    }),
    block('all', 'query', {
      table: 'customers',
      sort: [{ column: 'credit', direction: 'desc' }],
      outputKey: 'all',
    }),
  ],
  edges: chain('bo', 'add', 'raise', 'drop', 'all'),
};

describe('preview mode', () => {
  it('stages writes that later queries see but the table never gets', async () => {
    const before = await storedRows();

    const result = await runOn({ database, graph: WRITE_THEN_READ, mode: 'preview' });

    expect(result.executionTrace.error).toBeUndefined();
    expect(result.status).toBe('success');
    const seen = (stepOf(result, 'all').output as DataRow[]).map((row) => [row.name, row.credit]);
    expect(seen).toEqual([
      ['Cy', 30],
      ['Bo', 25],
      ['Ana', 10],
    ]);
    expect(stepOf(result, 'add').output).toMatchObject({ _id: 'staged:1', name: 'Cy', credit: 30 });
    expect(stepOf(result, 'raise').sideEffects?.staged).toBe(true);
    expect(await storedRows()).toEqual(before);
  });

  it('hides a staged delete from later queries', async () => {
    const graph: WorkflowGraph = {
      nodes: [
        block('ana', 'query', {
          table: 'customers',
          filters: [{ column: 'name', op: 'eq', value: '"Ana"' }],
          single: true,
          outputKey: 'ana',
        }),
        block('drop', 'write', {
          table: 'customers',
          operation: 'delete',
          rowId: 'vars.ana._id',
          outputKey: 'dropped',
        }),
        block('all', 'query', { table: 'customers', outputKey: 'all' }),
      ],
      edges: chain('ana', 'drop', 'all'),
    };

    const result = await runOn({ database, graph, mode: 'preview' });

    expect((stepOf(result, 'all').output as DataRow[]).map((row) => row.name)).toEqual(['Bo']);
    expect((await storedRows()).map((row) => row.name)).toEqual(['Ana', 'Bo']);
  });

  it('records an HTTP request without sending it', async () => {
    const graph: WorkflowGraph = {
      nodes: [
        block('notify', 'http', {
          method: 'POST',
          url: `"${server.origin}/hooks"`,
          body: '({ hello: "world" })',
          outputKey: 'notified',
        }),
      ],
      edges: [],
    };

    const result = await runOn({
      database,
      graph,
      mode: 'preview',
      context: { httpAllowList: [server.hostPort] },
    });

    expect(server.requests).toHaveLength(0);
    const step = stepOf(result, 'notify');
    expect(step.sideEffects).toEqual({
      requests: [
        {
          method: 'POST',
          url: `${server.origin}/hooks`,
          headers: {
            'content-type': 'application/json',
            'idempotency-key': `${result.executionTrace.runId}:notify`,
          },
          body: '{"hello":"world"}',
        },
      ],
      staged: true,
    });
    expect(step.httpTimeMs).toBeUndefined();
  });

  it('marks a staged request the allow list would reject', async () => {
    const graph: WorkflowGraph = {
      nodes: [
        block('notify', 'http', {
          method: 'POST',
          url: `"${server.origin}/hooks"`,
          outputKey: 'notified',
        }),
      ],
      edges: [],
    };

    const result = await runOn({ database, graph, mode: 'preview' });

    const [request] = stepOf(result, 'notify').sideEffects!.requests as {
      liveRejection?: string;
    }[];
    expect(result.status).toBe('success');
    expect(server.requests).toHaveLength(0);
    expect(request!.liveRejection).toBe(
      `${server.origin}/hooks rejected: "${server.hostPort}" is not on the HTTP allow list; add it to FLOWSCOPE_HTTP_ALLOW to permit it`,
    );
  });

  it('rejects a write of a text into a number column', async () => {
    const graph: WorkflowGraph = {
      nodes: [
        block('add', 'write', {
          table: 'customers',
          operation: 'insert',
          values: { credit: '"lots"' },
          outputKey: 'added',
        }),
      ],
      edges: [],
    };

    const result = await runOn({ database, graph, mode: 'preview' });

    expect(result.executionTrace.error?.message).toBe(
      'Write block "add": value for column "credit": "lots" is not a number',
    );
  });

  it('fails an update of a row that does not exist', async () => {
    const graph: WorkflowGraph = {
      nodes: [
        block('raise', 'write', {
          table: 'customers',
          operation: 'update',
          rowId: '"999999"',
          values: { credit: '1' },
          outputKey: 'raised',
        }),
      ],
      edges: [],
    };

    const result = await runOn({ database, graph, mode: 'preview' });

    expect(result.executionTrace.error?.message).toBe(
      'Write block "raise": row "999999" not found in table "customers"',
    );
  });
});

describe('live mode', () => {
  it('commits writes that a later query of the run sees', async () => {
    const liveTableId = await database.createTable(
      'live_customers',
      [{ name: 'name', type: 'text' }],
      [{ name: 'Ana' }],
    );
    const graph: WorkflowGraph = {
      nodes: [
        block('before', 'query', { table: 'live_customers', outputKey: 'before' }),
        block('add', 'write', {
          table: 'live_customers',
          operation: 'insert',
          values: { name: '"Bo"' },
          outputKey: 'added',
        }),
        block('after', 'query', { table: 'live_customers', outputKey: 'after' }),
      ],
      edges: chain('before', 'add', 'after'),
    };

    const result = await runOn({ database, graph, mode: 'live' });

    expect((stepOf(result, 'after').output as DataRow[]).map((row) => row.name)).toEqual([
      'Ana',
      'Bo',
    ]);
    expect(stepOf(result, 'add').sideEffects?.staged).toBe(false);
    const stored = await database.data.queryRows(database.tenantId, {
      tableId: liveTableId,
      filters: [],
      sort: [],
      limit: 10,
    });
    expect(stored.map((row) => row.name)).toEqual(['Ana', 'Bo']);
  });
});
