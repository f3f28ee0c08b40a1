import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openEngineDatabase, type EngineDatabase } from '../test/fixtures/engine-database';
import { block, chain, runOn, stepOf } from '../test/fixtures/engine-run';
import { startTestServer, type TestServer } from '../test/fixtures/http-server';
import { compileLimits, raceAbort } from './limits';
import type { WorkflowGraph } from './types';

let database: EngineDatabase;
let silentServer: TestServer;

beforeAll(async () => {
  database = await openEngineDatabase('limits');
  // Never responds, so only a timeout ends a request to it.
  silentServer = await startTestServer(() => {});
});

afterAll(async () => {
  await silentServer?.close();
  await database?.close();
});

describe('run limits', () => {
  it('ends an endless js loop with the time limit error', async () => {
    const graph: WorkflowGraph = {
      nodes: [
        block('start', 'js', { code: 'return 1;', outputKey: 'start' }),
        block('spin', 'js', { code: 'while (true) {}', outputKey: 'never' }),
      ],
      edges: chain('start', 'spin'),
    };

    const result = await runOn({
      database,
      graph,
      options: { limits: { maxExecutionTimeMs: 300 } },
    });

    expect(result.status).toBe('error');
    expect(result.executionTrace.error).toEqual({
      kind: 'limit',
      message: 'Run exceeded maxExecutionTimeMs (300)',
      blockId: 'spin',
    });
    expect(stepOf(result, 'start').status).toBe('executed');
    expect(stepOf(result, 'spin')).toMatchObject({
      status: 'error',
      error: 'Run exceeded maxExecutionTimeMs (300)',
    });
  });

  it('ends an endless expression with the time limit error', async () => {
    const graph: WorkflowGraph = {
      nodes: [block('out', 'output', { value: '(() => { for (;;) {} })()' })],
      edges: [],
    };

    const result = await runOn({
      database,
      graph,
      options: { limits: { maxExecutionTimeMs: 200 } },
    });

    expect(result.executionTrace.error).toMatchObject({
      kind: 'limit',
      message: 'Run exceeded maxExecutionTimeMs (200)',
    });
  });

  it('keeps a js block timeout shorter than the run a block error', async () => {
    const graph: WorkflowGraph = {
      nodes: [block('spin', 'js', { code: 'while (true) {}', outputKey: 'never', timeoutMs: 100 })],
      edges: [],
    };

    const result = await runOn({
      database,
      graph,
      options: { limits: { maxExecutionTimeMs: 20_000 } },
    });

    expect(result.executionTrace.error?.kind).toBe('block');
    expect(result.executionTrace.error?.blockId).toBe('spin');
  });

  it('ends a 2000-item loop with the maxSteps error and keeps the trace', async () => {
    const graph: WorkflowGraph = {
      nodes: [
        block('each', 'loop', { items: 'Array.from({ length: 2000 }, (_, i) => i)' }),
        block('body', 'js', { code: 'return item;', outputKey: 'body' }, { parentId: 'each' }),
      ],
      edges: [],
    };

    const result = await runOn({ database, graph });

    expect(result.executionTrace.error).toEqual({
      kind: 'limit',
      message: 'Run exceeded maxSteps (1000)',
      blockId: 'body',
    });
    const { steps } = result.executionTrace;
    expect(steps).toHaveLength(1000);
    expect(steps.at(-1)).toMatchObject({
      blockId: 'each',
      status: 'error',
      error: 'Run exceeded maxSteps (1000)',
    });
    expect(steps.at(-2)).toMatchObject({ blockId: 'body', iteration: 998, status: 'executed' });
  });

  it('aborts an HTTP request when the run time is up', async () => {
    const graph: WorkflowGraph = {
      nodes: [
        block('call', 'http', {
          method: 'GET',
          url: `"${silentServer.origin}/slow"`,
          outputKey: 'reply',
        }),
      ],
      edges: [],
    };

    const result = await runOn({
      database,
      graph,
      mode: 'live',
      options: { limits: { maxExecutionTimeMs: 300 } },
      context: { httpAllowList: [silentServer.hostPort] },
    });

    expect(result.executionTrace.error).toEqual({
      kind: 'limit',
      message: 'Run exceeded maxExecutionTimeMs (300)',
      blockId: 'call',
    });
    expect(silentServer.requests).toHaveLength(1);
  });

  it('applies the defaults and rejects non-positive limits', () => {
    expect(compileLimits(undefined)).toEqual({ maxExecutionTimeMs: 30_000, maxSteps: 1000 });
    expect(compileLimits({ maxSteps: 5 })).toEqual({ maxExecutionTimeMs: 30_000, maxSteps: 5 });
    expect(() => compileLimits({ maxSteps: 0 })).toThrow(
      'Run limit maxSteps must be a positive number, got 0',
    );
  });

  it('stops waiting for a call that ignores the abort signal', async () => {
    const controller = new AbortController();
    const neverSettles = new Promise<never>(() => {});

    const raced = raceAbort(neverSettles, controller.signal);
    controller.abort(new Error('time is up'));

    await expect(raced).rejects.toThrow('time is up');
  });
});
