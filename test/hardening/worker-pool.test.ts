/**
 * The run worker pool with real processes: a worker may only reach its own run's tenant and the
 * DataAccess methods, a worker that exits or stops responding loses only its run, and runs beyond
 * the pool's size wait in the queue. The misbehaving worker is test/hardening/fixtures/rogue-worker.ts.
 */

import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DataAccess } from '../../engine/data';
import type { RunGraphRequest } from '../../engine/run-request';
import type { WorkflowGraph } from '../../engine/types';
import { RunWorkerPool } from '../../lib/run-worker';
import { block, chain } from '../fixtures/engine-run';
import { openEngineDatabase, type EngineDatabase } from '../fixtures/engine-database';

const ROGUE_WORKER = path.join(process.cwd(), 'test', 'hardening', 'fixtures', 'rogue-worker.ts');

const silentLogger = { info() {}, debug() {}, warn() {}, error() {} };

let database: EngineDatabase;
let otherDatabaseTenant: string;

beforeAll(async () => {
  database = await openEngineDatabase('pool');
  await database.createTable('orders', [{ name: 'code', type: 'text' }], [{ code: 'A' }]);
  const { createTestTenant } = await import('../database');
  otherDatabaseTenant = await createTestTenant(database.handle, 'pool-other');
});

afterAll(async () => {
  await database?.close();
});

/** Records the tenant of every data call that reaches the server's DataAccess. */
function recordingData(calls: string[]): DataAccess {
  return new Proxy(database.data, {
    get(target, name: keyof DataAccess) {
      const method = target[name] as (...args: unknown[]) => Promise<unknown>;
      return (...args: unknown[]) => {
        calls.push(`${String(name)}:${String(args[0])}`);
        return method.apply(target, args);
      };
    },
  });
}

function request(graph: WorkflowGraph, inputJson: unknown, data: DataAccess): RunGraphRequest {
  return {
    workflowVersion: { id: 'version', workflowId: 'workflow', graph },
    inputJson,
    tenantId: database.tenantId,
    executionMode: 'preview',
    options: { limits: { maxExecutionTimeMs: 500 } },
    context: { data, logger: silentLogger },
  };
}

const EMPTY_GRAPH: WorkflowGraph = {
  nodes: [block('doomed', 'js', { code: 'return 1;', outputKey: 'x' })],
  edges: [],
};

describe('run worker pool', () => {
  it('serves a worker only its own tenant and DataAccess', async () => {
    const pool = new RunWorkerPool({ size: 1, logger: silentLogger, entry: ROGUE_WORKER });
    const calls: string[] = [];

    const result = await pool.run(
      request(
        EMPTY_GRAPH,
        { behaviour: 'probe', otherTenantId: otherDatabaseTenant },
        recordingData(calls),
      ),
    );
    await pool.close();

    expect(result.output).toEqual({
      otherTenant: {
        name: 'Error',
        message: 'Data call "findTable" named another tenant than the run\'s own',
      },
      unknownMethod: { name: 'Error', message: 'Data access has no method "dropEverything"' },
      ownTenant: {
        value: {
          id: expect.any(String),
          name: 'orders',
          columns: [{ name: 'code', type: 'text' }],
        },
      },
    });
    expect(calls).toEqual([`findTable:${database.tenantId}`]);
  });

  it('keeps credentials out of a worker environment', async () => {
    const saved = { ...process.env };
    process.env.FLOWSCOPE_TEST_SECRET = 'server only';
    process.env.DATABASE_URL ||= 'postgres://user:secret@127.0.0.1:5432/none';
    const pool = new RunWorkerPool({ size: 1, logger: silentLogger, entry: ROGUE_WORKER });

    const result = await pool
      .run(request(EMPTY_GRAPH, { behaviour: 'environment' }, database.data))
      .finally(() => {
        process.env = saved;
      });
    await pool.close();

    const names = result.output as string[];
    expect(names).not.toContain('FLOWSCOPE_TEST_SECRET');
    expect(names).not.toContain('DATABASE_URL');
    expect(names).toContain('PATH');
  });

  it('loses only the run of a worker that exits', async () => {
    const pool = new RunWorkerPool({ size: 1, logger: silentLogger, entry: ROGUE_WORKER });

    const result = await pool.run(request(EMPTY_GRAPH, { behaviour: 'exit' }, database.data));
    const next = await pool.run(request(EMPTY_GRAPH, { behaviour: 'exit' }, database.data));
    await pool.close();

    const message =
      'The run\'s worker process exited (exit code 3) while running block "doomed"; see the server log';
    expect(result.status).toBe('error');
    expect(result.executionTrace.error).toEqual({ kind: 'block', message, blockId: 'doomed' });
    expect(result.executionTrace.steps).toEqual([
      expect.objectContaining({
        index: 0,
        blockId: 'doomed',
        blockType: 'js',
        status: 'error',
        error: message,
      }),
    ]);
    expect(next.executionTrace.error?.message).toBe(message);
  });

  it('stops a worker that breaks the protocol', async () => {
    const pool = new RunWorkerPool({ size: 1, logger: silentLogger, entry: ROGUE_WORKER });

    const result = await pool.run(request(EMPTY_GRAPH, { behaviour: 'garbage' }, database.data));
    await pool.close();

    expect(result.executionTrace.error).toEqual({
      kind: 'block',
      message:
        'The run\'s worker process sent an invalid message while running block "noisy" and was stopped; see the server log',
      blockId: 'noisy',
    });
  });

  it('stops a worker that misses the run deadline', async () => {
    const pool = new RunWorkerPool({ size: 1, logger: silentLogger, entry: ROGUE_WORKER });

    const result = await pool.run(request(EMPTY_GRAPH, { behaviour: 'hang' }, database.data));
    const stats = pool.stats;
    await pool.close();

    expect(result.status).toBe('error');
    expect(result.executionTrace.error).toEqual({
      kind: 'limit',
      message:
        'Run exceeded maxExecutionTimeMs (500): block "stuck" did not stop, so its worker process was stopped',
      blockId: 'stuck',
    });
    expect(stats.workers).toBe(0);
  });

  it('queues runs beyond its size and runs them all', async () => {
    const pool = new RunWorkerPool({ size: 2, logger: silentLogger });
    const graph: WorkflowGraph = {
      nodes: [
        block('fetch', 'query', { table: 'orders', outputKey: 'orders' }),
        block('count', 'js', { code: 'return vars.orders.length + input.n;', outputKey: 'count' }),
        block('out', 'output', { value: 'vars.count' }),
      ],
      edges: chain('fetch', 'count', 'out'),
    };

    const results = await Promise.all(
      Array.from({ length: 6 }, (_, n) =>
        pool.run({ ...request(graph, { n }, database.data), options: {} }),
      ),
    );
    const stats = pool.stats;
    await pool.close();

    expect(results.map((result) => result.output)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(stats.workers).toBe(2);
    expect(stats.queued).toBe(0);
  });

  it('replaces a worn-out worker before the next run arrives', async () => {
    const pool = new RunWorkerPool({ size: 1, maxRunsPerWorker: 2, logger: silentLogger });
    const graph: WorkflowGraph = {
      nodes: [block('add', 'js', { code: 'return input.n + 1;', outputKey: 'sum' })],
      edges: [],
    };

    await pool.run({ ...request(graph, { n: 1 }, database.data), options: {} });
    const [firstPid] = pool.stats.pids;
    const second = await pool.run({ ...request(graph, { n: 2 }, database.data), options: {} });
    const afterRetirement = pool.stats;
    await pool.close();

    expect(second.status).toBe('success');
    expect(afterRetirement.workers).toBe(1);
    expect(afterRetirement.queued).toBe(0);
    expect(afterRetirement.pids).not.toContain(firstPid);
  });

  it('starts one worker ahead of the first run when warmed', async () => {
    const pool = new RunWorkerPool({ size: 3, logger: silentLogger });
    const graph: WorkflowGraph = {
      nodes: [block('add', 'js', { code: 'return input.n + 1;', outputKey: 'sum' })],
      edges: [],
    };

    pool.warm();
    pool.warm();
    const warmed = pool.stats;
    const result = await pool.run({ ...request(graph, { n: 1 }, database.data), options: {} });
    const afterRun = pool.stats;
    await pool.close();

    expect(warmed.workers).toBe(1);
    expect(result.status).toBe('success');
    expect(afterRun.pids).toEqual(warmed.pids);
  });

  it('ends its runs when it closes', async () => {
    const pool = new RunWorkerPool({ size: 1, logger: silentLogger, entry: ROGUE_WORKER });
    const probe = { behaviour: 'probe', otherTenantId: otherDatabaseTenant };
    await pool.run(request(EMPTY_GRAPH, probe, database.data));

    let markStarted = () => {};
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const hang = request(EMPTY_GRAPH, { behaviour: 'hang' }, database.data);
    const running = pool.run({ ...hang, context: { ...hang.context, onStepStart: markStarted } });
    await started;
    const queued = pool
      .run(request(EMPTY_GRAPH, { behaviour: 'hang' }, database.data))
      .catch((error: Error) => error.message);
    await pool.close();

    expect(await queued).toBe('The server is shutting down');
    expect((await running).executionTrace.error).toEqual({
      kind: 'block',
      message: 'The server stopped while the run was in progress',
      blockId: 'stuck',
    });
  });
});
