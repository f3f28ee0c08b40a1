import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ExecutionTrace, RunResult } from '../../engine/types';
import { createTestTenant, openTestDatabase } from '../../test/database';
import type { DatabaseHandle } from '../db/client';
import {
  createRun,
  failRun,
  finishRun,
  getRun,
  INTERRUPTED_MESSAGE,
  listReplays,
  listRuns,
  markRunningRunsInterrupted,
  type NewRun,
} from './runs';
import { createWorkflow } from './workflows';

let handle: DatabaseHandle;
let tenantId: string;
let otherTenantId: string;
let newRun: NewRun;

function resultOf(runId: string, overrides: Partial<ExecutionTrace> = {}): RunResult {
  const executionTrace: ExecutionTrace = {
    runId,
    workflowId: newRun.workflowId,
    versionId: newRun.versionId,
    mode: 'preview',
    status: 'success',
    startedAt: '2024-05-01T10:00:00.000Z',
    finishedAt: '2024-05-01T10:00:01.500Z',
    metrics: {
      totalDurationMs: 1500.25,
      dbTimeMs: 3,
      jsTimeMs: 2,
      httpTimeMs: 0,
      queryCount: 4,
      cacheHits: 1,
      stepCount: 6,
      skippedCount: 1,
      isolatesCreated: 1,
      scriptsCompiled: 2,
    },
    steps: [],
    ...overrides,
  };
  return {
    status: executionTrace.status,
    output: { total: 42, note: 'nul \u0000 inside' },
    executionTrace,
    assignments: [{ stepIndex: 0, key: 'orders', value: [1, 2] }],
  };
}

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'runs');
  otherTenantId = await createTestTenant(handle, 'runs-other');
  const { workflow, version } = await createWorkflow(handle.db, tenantId, { name: 'Runs' });
  newRun = { workflowId: workflow.id, versionId: version.id, mode: 'preview', input: { day: 1 } };
});

afterAll(async () => {
  await handle?.close();
});

describe('runs', () => {
  it('creates a running run with its input', async () => {
    const run = await createRun(handle.db, tenantId, newRun);

    expect(run).toMatchObject({
      status: 'running',
      mode: 'preview',
      input: { day: 1 },
      finishedAt: null,
    });
  });

  it('creates no run for a version of another tenant or workflow', async () => {
    const other = await createWorkflow(handle.db, tenantId, { name: 'Other' });

    expect(await createRun(handle.db, otherTenantId, newRun)).toBeNull();
    expect(
      await createRun(handle.db, tenantId, { ...newRun, versionId: other.version.id }),
    ).toBeNull();
    expect(
      await createRun(handle.db, tenantId, { ...newRun, sourceRunId: randomUUID() }),
    ).toBeNull();
  });

  it('finishes a run with metrics, trace, output and assignments', async () => {
    const run = await createRun(handle.db, tenantId, newRun);
    const result = resultOf(run!.id);

    const finished = await finishRun(handle.db, tenantId, run!.id, result);

    expect(finished).toMatchObject({
      status: 'success',
      output: { total: 42, note: 'nul \u0000 inside' },
      errorMessage: null,
      totalDurationMs: 1500.25,
      stepCount: 6,
      queryCount: 4,
      cacheHits: 1,
      trace: result.executionTrace,
      assignments: result.assignments,
      finishedAt: new Date('2024-05-01T10:00:01.500Z'),
    });
    expect(await getRun(handle.db, tenantId, run!.id)).toEqual(finished);
  });

  it('keeps object keys in their order', async () => {
    const input = { zip: '1000', city: 'Lyon', a: 1 };
    const run = await createRun(handle.db, tenantId, { ...newRun, input });
    const output = { zeta: 1, b: { y: 2, x: 3 }, alpha: 4 };
    const result = { ...resultOf(run!.id), output };

    await finishRun(handle.db, tenantId, run!.id, result);
    const stored = await getRun(handle.db, tenantId, run!.id);

    expect(JSON.stringify(stored!.input)).toBe(JSON.stringify(input));
    expect(JSON.stringify(stored!.output)).toBe(JSON.stringify(output));
    expect(JSON.stringify(stored!.trace)).toBe(JSON.stringify(result.executionTrace));
  });

  it('stores the error message of a failed run', async () => {
    const run = await createRun(handle.db, tenantId, newRun);
    const error = { message: 'Query block "q": boom', blockId: 'q', kind: 'block' as const };

    const finished = await finishRun(handle.db, tenantId, run!.id, {
      ...resultOf(run!.id, { status: 'error', error }),
      status: 'error',
    });

    expect(finished).toMatchObject({ status: 'error', errorMessage: 'Query block "q": boom' });
  });

  it('finishes only running runs of the tenant', async () => {
    const run = await createRun(handle.db, tenantId, newRun);

    expect(await finishRun(handle.db, otherTenantId, run!.id, resultOf(run!.id))).toBeNull();
    expect(await finishRun(handle.db, tenantId, run!.id, resultOf(run!.id))).not.toBeNull();
    expect(await finishRun(handle.db, tenantId, run!.id, resultOf(run!.id))).toBeNull();
    expect(await failRun(handle.db, tenantId, run!.id, 'late')).toBeNull();
  });

  it('fails a running run with a message', async () => {
    const run = await createRun(handle.db, tenantId, newRun);

    const failed = await failRun(handle.db, tenantId, run!.id, 'Sandbox crashed');

    expect(failed).toMatchObject({ status: 'error', errorMessage: 'Sandbox crashed', trace: null });
    expect(failed!.finishedAt).toBeInstanceOf(Date);
  });

  it('lists runs newest first without traces, for the tenant only', async () => {
    const { workflow, version } = await createWorkflow(handle.db, tenantId, { name: 'Listed' });
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (await createRun(handle.db, tenantId, {
          workflowId: workflow.id,
          versionId: version.id,
          mode: 'live',
        }))!.id,
      );
    }

    const runs = await listRuns(handle.db, tenantId, workflow.id);

    expect(runs.map((run) => run.id)).toEqual([...ids].reverse());
    expect(runs[0]).not.toHaveProperty('trace');
    expect(await listRuns(handle.db, otherTenantId, workflow.id)).toEqual([]);
    expect(await listRuns(handle.db, tenantId, workflow.id, 1)).toHaveLength(1);
  });

  it('lists the replays of a run', async () => {
    const source = await createRun(handle.db, tenantId, newRun);
    const replay = await createRun(handle.db, tenantId, {
      ...newRun,
      mode: 'snapshot',
      sourceRunId: source!.id,
      checkpointStep: 3,
    });

    const replays = await listReplays(handle.db, tenantId, source!.id);

    expect(replays).toHaveLength(1);
    expect(replays[0]).toMatchObject({
      id: replay!.id,
      sourceRunId: source!.id,
      checkpointStep: 3,
    });
    expect(await listReplays(handle.db, otherTenantId, source!.id)).toEqual([]);
  });

  it('marks running runs interrupted and leaves finished ones', async () => {
    const running = await createRun(handle.db, tenantId, newRun);
    const done = await createRun(handle.db, tenantId, newRun);
    await finishRun(handle.db, tenantId, done!.id, resultOf(done!.id));

    const marked = await markRunningRunsInterrupted(handle.db);

    expect(marked).toBeGreaterThanOrEqual(1);
    expect(await getRun(handle.db, tenantId, running!.id)).toMatchObject({
      status: 'interrupted',
      errorMessage: INTERRUPTED_MESSAGE,
    });
    expect((await getRun(handle.db, tenantId, running!.id))!.finishedAt).toBeInstanceOf(Date);
    expect(await getRun(handle.db, tenantId, done!.id)).toMatchObject({ status: 'success' });
  });
});
