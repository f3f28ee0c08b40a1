import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '../engine/types';
import { createTestTenant, openTestDatabase } from '../test/database';
import type { DatabaseHandle } from './db/client';
import { countDataRows, createDataTable, insertDataRows } from './repositories/data-tables';
import { getRun } from './repositories/runs';
import { createWorkflow } from './repositories/workflows';
import { readRunProgress } from './run-progress-registry';
import { loadRunDetail, startReplay, startWorkflowRun } from './run-service';

let handle: DatabaseHandle;
let tenantId: string;
let otherTenantId: string;
let logTableId: string;

const ordersGraph: WorkflowGraph = {
  nodes: [
    { id: 'input', type: 'input', config: {} },
    {
      id: 'q',
      type: 'query',
      config: {
        table: 'orders',
        filters: [{ column: 'total', op: 'gt', value: 'input.min' }],
        outputKey: 'orders',
      },
    },
    {
      id: 'sum',
      type: 'js',
      config: { code: 'return vars.orders.reduce((s, o) => s + o.total, 0);', outputKey: 'total' },
    },
    {
      id: 'save',
      type: 'write',
      config: {
        table: 'log',
        operation: 'insert',
        values: { note: "'total ' + vars.total" },
        outputKey: 'saved',
      },
    },
    { id: 'out', type: 'output', config: { value: 'vars.total' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'q' },
    { id: 'e2', source: 'q', target: 'sum' },
    { id: 'e3', source: 'sum', target: 'save' },
    { id: 'e4', source: 'save', target: 'out' },
  ],
};

const loopGraph: WorkflowGraph = {
  nodes: [
    { id: 'input', type: 'input', config: {} },
    { id: 'each', type: 'loop', config: { items: 'input.items' } },
    {
      id: 'w',
      type: 'write',
      parentId: 'each',
      config: {
        table: 'log',
        operation: 'insert',
        values: { note: 'item' },
        idempotencyKey: 'item',
        outputKey: 'w',
      },
    },
  ],
  edges: [{ id: 'e1', source: 'input', target: 'each' }],
};

async function createTestWorkflow(graph: WorkflowGraph, tenant = tenantId) {
  const { workflow, version } = await createWorkflow(handle.db, tenant, {
    name: `wf ${randomUUID().slice(0, 6)}`,
    graph,
  });
  return { workflowId: workflow.id, versionId: version.id };
}

async function runToEnd(request: Parameters<typeof startWorkflowRun>[1]) {
  const started = await startWorkflowRun(handle.db, request);
  const finished = await started.finished;
  if (!finished) throw new Error('the run record is missing');
  return finished;
}

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'runs');
  otherTenantId = await createTestTenant(handle, 'runs-other');

  const orders = await createDataTable(handle.db, tenantId, {
    name: 'orders',
    columns: [
      { name: 'code', type: 'text' },
      { name: 'total', type: 'number' },
    ],
  });
  await insertDataRows(handle.db, tenantId, orders.id, [
    { code: 'A', total: 100 },
    { code: 'B', total: 250 },
    { code: 'C', total: 40 },
  ]);
  const log = await createDataTable(handle.db, tenantId, {
    name: 'log',
    columns: [{ name: 'note', type: 'text' }],
  });
  logTableId = log.id;
});

afterAll(async () => {
  await handle?.close();
});

async function logRowCount(): Promise<number> {
  return (await countDataRows(handle.db, tenantId, logTableId)) ?? -1;
}

describe('startWorkflowRun', () => {
  it('stores a preview run with its trace and stages its write', async () => {
    const ids = await createTestWorkflow(ordersGraph);
    const before = await logRowCount();

    const run = await runToEnd({ tenantId, ...ids, mode: 'preview', input: { min: 50 } });

    expect(run.status).toBe('success');
    expect(run.mode).toBe('preview');
    expect(run.output).toBe(350);
    expect(run.input).toEqual({ min: 50 });
    expect(run.stepCount).toBe(5);
    expect(run.queryCount).toBe(1);
    expect(run.totalDurationMs).toBeGreaterThan(0);
    expect(run.finishedAt).not.toBeNull();
    expect(run.trace?.steps.map((step) => step.blockId)).toEqual([
      'input',
      'q',
      'sum',
      'save',
      'out',
    ]);
    expect(run.trace?.steps[3]?.sideEffects?.staged).toBe(true);
    expect(run.assignments?.map((assignment) => assignment.key)).toEqual([
      'orders',
      'total',
      'saved',
    ]);
    expect(await logRowCount()).toBe(before);
  });

  it('commits the write of a live run', async () => {
    const ids = await createTestWorkflow(ordersGraph);
    const before = await logRowCount();

    const run = await runToEnd({ tenantId, ...ids, mode: 'live', input: { min: 200 } });

    expect(run.status).toBe('success');
    expect(run.trace?.steps[3]?.sideEffects?.staged).toBe(false);
    expect(await logRowCount()).toBe(before + 1);
  });

  it('stores a failed run with the error', async () => {
    const graph: WorkflowGraph = {
      nodes: [{ id: 'q', type: 'query', config: { table: 'nope', outputKey: 'rows' } }],
      edges: [],
    };
    const ids = await createTestWorkflow(graph);

    const run = await runToEnd({ tenantId, ...ids, mode: 'preview', input: {} });

    expect(run.status).toBe('error');
    expect(run.errorMessage).toBe(
      'Query block "q": unknown table "nope"; check the name or create the table',
    );
    expect(run.trace?.error?.blockId).toBe('q');
  });

  it('passes the requested limits to the engine', async () => {
    const ids = await createTestWorkflow(ordersGraph);

    const run = await runToEnd({
      tenantId,
      ...ids,
      mode: 'preview',
      input: { min: 0 },
      limits: { maxSteps: 2 },
    });

    expect(run.status).toBe('error');
    expect(run.errorMessage).toBe('Run exceeded maxSteps (2)');
    expect(run.trace?.steps).toHaveLength(2);
  });

  it('records the run as running while it executes', async () => {
    const graph: WorkflowGraph = {
      nodes: [
        {
          id: 'busy',
          type: 'js',
          config: {
            code: 'const end = Date.now() + 1500; while (Date.now() < end) {} return 1;',
            outputKey: 'x',
          },
        },
      ],
      edges: [],
    };
    const ids = await createTestWorkflow(graph);

    const started = await startWorkflowRun(handle.db, {
      tenantId,
      ...ids,
      mode: 'preview',
      input: {},
    });
    const during = await getRun(handle.db, tenantId, started.runId);
    const progress = readRunProgress(tenantId, started.runId, 0);
    const finished = await started.finished;

    expect(during?.status).toBe('running');
    expect(progress).not.toBeNull();
    expect(finished?.status).toBe('success');
    expect(readRunProgress(tenantId, started.runId, 0)).toBeNull();
  });

  it('rejects a version of another tenant as not found', async () => {
    const ids = await createTestWorkflow(ordersGraph);

    const starting = startWorkflowRun(handle.db, {
      tenantId: otherTenantId,
      ...ids,
      mode: 'preview',
      input: {},
    });

    await expect(starting).rejects.toThrow(
      `Workflow version "${ids.versionId}" not found; save the workflow and run it again`,
    );
  });
});

describe('startReplay', () => {
  it('replays from a step with snapshot badges and a link to the source', async () => {
    const ids = await createTestWorkflow(ordersGraph);
    const source = await runToEnd({ tenantId, ...ids, mode: 'preview', input: { min: 50 } });

    const started = await startReplay(handle.db, {
      tenantId,
      workflowId: ids.workflowId,
      sourceRunId: source.id,
      checkpointStep: 2,
    });
    const replay = await started.finished;
    const steps = replay?.trace?.steps ?? [];

    expect(replay?.mode).toBe('snapshot');
    expect(replay?.status).toBe('success');
    expect(replay?.sourceRunId).toBe(source.id);
    expect(replay?.checkpointStep).toBe(2);
    expect(replay?.output).toBe(350);
    expect(replay?.trace?.snapshot).toEqual({ sourceRunId: source.id, checkpointStep: 2 });
    expect(steps.find((step) => step.blockId === 'q')?.skipReason).toBe(
      'snapshot satisfied (cached output)',
    );
    expect(steps.find((step) => step.blockId === 'sum')?.skipReason).toBe(
      'snapshot satisfied (cached output)',
    );
    expect(steps.find((step) => step.blockId === 'save')?.status).toBe('executed');
    expect(steps.find((step) => step.blockId === 'save')?.sideEffects?.staged).toBe(true);
  });

  it('skips side effects the source run executed before the checkpoint', async () => {
    const ids = await createTestWorkflow(loopGraph);
    const source = await runToEnd({
      tenantId,
      ...ids,
      mode: 'live',
      input: { items: ['a', 'b', 'c'] },
    });
    const before = await logRowCount();

    const started = await startReplay(handle.db, {
      tenantId,
      workflowId: ids.workflowId,
      sourceRunId: source.id,
      checkpointStep: 2,
      commit: true,
    });
    const replay = await started.finished;
    const writes = (replay?.trace?.steps ?? []).filter((step) => step.blockId === 'w');

    expect(writes.map((step) => step.status)).toEqual(['skipped', 'skipped', 'executed']);
    expect(writes[0]?.skipReason).toBe('already executed (idempotency guard)');
    expect(writes[0]?.skipDetail).toEqual({
      firstStepIndex: 1,
      idempotencyKey: 'a',
      sourceRunId: source.id,
    });
    expect(writes[2]?.sideEffects?.staged).toBe(false);
    expect(await logRowCount()).toBe(before + 1);
  });

  it('lists the replay under its source run', async () => {
    const ids = await createTestWorkflow(ordersGraph);
    const source = await runToEnd({ tenantId, ...ids, mode: 'preview', input: { min: 50 } });
    const started = await startReplay(handle.db, {
      tenantId,
      workflowId: ids.workflowId,
      sourceRunId: source.id,
      checkpointStep: 0,
    });
    await started.finished;

    const detail = await loadRunDetail(handle.db, tenantId, ids.workflowId, source.id);

    expect(detail?.replays.map((replay) => replay.id)).toEqual([started.runId]);
    expect(await loadRunDetail(handle.db, otherTenantId, ids.workflowId, source.id)).toBeNull();
  });

  it('rejects a run of another tenant as not found', async () => {
    const ids = await createTestWorkflow(ordersGraph);
    const source = await runToEnd({ tenantId, ...ids, mode: 'preview', input: { min: 50 } });

    const starting = startReplay(handle.db, {
      tenantId: otherTenantId,
      workflowId: ids.workflowId,
      sourceRunId: source.id,
      checkpointStep: 0,
    });

    await expect(starting).rejects.toThrow(`Run "${source.id}" not found`);
  });

  it('rejects a checkpoint past the last step', async () => {
    const ids = await createTestWorkflow(ordersGraph);
    const source = await runToEnd({ tenantId, ...ids, mode: 'preview', input: { min: 50 } });

    const starting = startReplay(handle.db, {
      tenantId,
      workflowId: ids.workflowId,
      sourceRunId: source.id,
      checkpointStep: 5,
    });

    await expect(starting).rejects.toThrow(
      `Step #5 is not a step of run "${source.id}", which has 5 steps`,
    );
  });
});
