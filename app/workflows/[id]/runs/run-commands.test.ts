import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '@/engine/types';
import type { DatabaseHandle } from '@/lib/db/client';
import { createWorkflow } from '@/lib/repositories/workflows';
import { createTestTenant, openTestDatabase } from '@/test/database';

import {
  getRunCommand,
  listRunsCommand,
  replayCommand,
  runProgressCommand,
  startRunCommand,
} from './run-commands';

let handle: DatabaseHandle;
let tenantId: string;
let otherTenantId: string;
let workflowId: string;
let versionId: string;

const graph: WorkflowGraph = {
  nodes: [
    { id: 'double', type: 'js', config: { code: 'return input.n * 2;', outputKey: 'doubled' } },
    { id: 'out', type: 'output', config: { value: 'vars.doubled' } },
  ],
  edges: [{ id: 'e1', source: 'double', target: 'out' }],
};

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'run-actions');
  otherTenantId = await createTestTenant(handle, 'run-actions-other');
  const created = await createWorkflow(handle.db, tenantId, { name: 'Double', graph });
  workflowId = created.workflow.id;
  versionId = created.version.id;
});

afterAll(async () => {
  await handle?.close();
});

/** Starts a run and polls until it finishes, as the browser does. */
async function runToEnd(tenant: string, input: unknown) {
  const started = await startRunCommand(handle.db, tenant, {
    workflowId,
    versionId,
    mode: 'preview',
    input,
  });
  if (!started.ok) throw new Error(started.error);
  if (started.run) return started.run;

  for (;;) {
    const report = await runProgressCommand(handle.db, tenant, {
      workflowId,
      runId: started.runId,
      afterStep: 0,
    });
    if (!report.ok) throw new Error(report.error);
    if (report.run) return report.run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('run commands', () => {
  it('runs a version and returns the finished run', async () => {
    const run = await runToEnd(tenantId, { n: 21 });

    expect(run.status).toBe('success');
    expect(run.mode).toBe('preview');
    expect(run.output).toBe(42);
    expect(run.trace?.steps.map((step) => step.blockId)).toEqual(['double', 'out']);
  });

  it('rejects an invalid run request with the fields named', async () => {
    const result = await startRunCommand(handle.db, tenantId, {
      workflowId: 'nope',
      versionId,
      mode: 'dry',
    });

    expect(result).toEqual({
      ok: false,
      error:
        'Invalid run request: workflowId: must be a UUID; mode: Invalid option: expected one of "preview"|"live"',
    });
  });

  it('reports a version of another tenant as not found', async () => {
    const result = await startRunCommand(handle.db, otherTenantId, {
      workflowId,
      versionId,
      mode: 'preview',
      input: {},
    });

    expect(result).toEqual({
      ok: false,
      error: `Workflow version "${versionId}" not found; save the workflow and run it again`,
    });
  });

  it('hides runs from another tenant', async () => {
    const run = await runToEnd(tenantId, { n: 1 });
    const ref = { workflowId, runId: run.id };

    expect(await getRunCommand(handle.db, otherTenantId, ref)).toEqual({
      ok: false,
      error: `Run "${run.id}" not found`,
    });
    expect(await runProgressCommand(handle.db, otherTenantId, { ...ref, afterStep: 0 })).toEqual({
      ok: false,
      error: `Run "${run.id}" not found`,
    });
    expect(await listRunsCommand(handle.db, otherTenantId, { workflowId })).toEqual({
      ok: false,
      error: `Workflow "${workflowId}" not found`,
    });
  });

  it('lists runs newest first', async () => {
    const first = await runToEnd(tenantId, { n: 2 });
    const second = await runToEnd(tenantId, { n: 3 });

    const result = await listRunsCommand(handle.db, tenantId, { workflowId });
    const ids = result.ok ? result.runs.map((run) => run.id) : [];

    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect(ids.indexOf(first.id)).toBeGreaterThanOrEqual(0);
  });

  it('replays a run and links both ways', async () => {
    const source = await runToEnd(tenantId, { n: 5 });

    const started = await replayCommand(handle.db, tenantId, {
      workflowId,
      sourceRunId: source.id,
      checkpointStep: 0,
    });
    const runId = started.ok ? started.runId : '';
    const replay = await getRunCommand(handle.db, tenantId, { workflowId, runId });
    const reloadedSource = await getRunCommand(handle.db, tenantId, {
      workflowId,
      runId: source.id,
    });

    if (!replay.ok || !reloadedSource.ok) throw new Error('the runs must load');

    expect(started.ok).toBe(true);
    expect(replay.run.sourceRunId).toBe(source.id);
    expect(replay.run.mode).toBe('snapshot');
    expect(reloadedSource.run.replays.map((item) => item.id)).toEqual([runId]);
  });

  it('reports an unknown run as not found', async () => {
    const runId = randomUUID();

    const result = await getRunCommand(handle.db, tenantId, { workflowId, runId });

    expect(result).toEqual({ ok: false, error: `Run "${runId}" not found` });
  });
});
