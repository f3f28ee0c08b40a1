/**
 * A js block that never returns ends its own run on the run's time limit, while a run of another
 * tenant started at the same moment finishes normally and the server keeps serving commands.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  getRunCommand,
  listRunsCommand,
  startRunCommand,
} from '../../app/workflows/[id]/runs/run-commands';
import type { WorkflowGraph } from '../../engine/types';
import type { DatabaseHandle } from '../../lib/db/client';
import { getRun } from '../../lib/repositories/runs';
import { createTestTenant, openTestDatabase } from '../database';
import { block, chain } from '../fixtures/engine-run';
import { saveWorkflow, stepOf, type SavedWorkflow } from './support';

/** Long enough that the other tenant's run, worker start included, ends well before it. */
const SPIN_LIMIT_MS = 10_000;

const spinGraph: WorkflowGraph = {
  nodes: [block('spin', 'js', { code: 'for (;;) {}', outputKey: 'never' })],
  edges: [],
};

const trivialGraph: WorkflowGraph = {
  nodes: [
    block('double', 'js', { code: 'return input.n * 2;', outputKey: 'doubled' }),
    block('out', 'output', { value: 'vars.doubled' }),
  ],
  edges: chain('double', 'out'),
};

let handle: DatabaseHandle;
let spinTenant: string;
let calmTenant: string;
let spinWorkflow: SavedWorkflow;
let calmWorkflow: SavedWorkflow;

beforeAll(async () => {
  handle = await openTestDatabase();
  spinTenant = await createTestTenant(handle, 'spin');
  calmTenant = await createTestTenant(handle, 'calm');
  spinWorkflow = await saveWorkflow(handle, spinTenant, spinGraph);
  calmWorkflow = await saveWorkflow(handle, calmTenant, trivialGraph);
});

afterAll(async () => {
  await handle?.close();
});

async function waitUntilFinished(tenantId: string, workflowId: string, runId: string) {
  for (;;) {
    const record = await getRun(handle.db, tenantId, runId);
    if (record && record.status !== 'running') return record;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('endless js loop', () => {
  it('ends on the time limit while another tenant runs', async () => {
    const [spinStart, calmStart] = await Promise.all([
      startRunCommand(handle.db, spinTenant, {
        ...spinWorkflow,
        mode: 'preview',
        input: {},
        limits: { maxExecutionTimeMs: SPIN_LIMIT_MS },
      }),
      startRunCommand(handle.db, calmTenant, {
        ...calmWorkflow,
        mode: 'preview',
        input: { n: 21 },
      }),
    ]);
    if (!spinStart.ok || !calmStart.ok) throw new Error('a run did not start');

    const calm = await waitUntilFinished(calmTenant, calmWorkflow.workflowId, calmStart.runId);
    const spinWhileCalmEnded = await getRunCommand(handle.db, spinTenant, {
      workflowId: spinWorkflow.workflowId,
      runId: spinStart.runId,
    });
    const listWhileSpinning = await listRunsCommand(handle.db, calmTenant, {
      workflowId: calmWorkflow.workflowId,
    });
    const spin = await waitUntilFinished(spinTenant, spinWorkflow.workflowId, spinStart.runId);

    expect(calm.status).toBe('success');
    expect(calm.output).toBe(42);
    expect(spinWhileCalmEnded).toMatchObject({ ok: true, run: { status: 'running' } });
    expect(listWhileSpinning).toMatchObject({ ok: true, runs: [{ id: calmStart.runId }] });
    expect(spin.status).toBe('error');
    expect(spin.errorMessage).toBe(`Run exceeded maxExecutionTimeMs (${SPIN_LIMIT_MS})`);
    expect(spin.trace?.error).toEqual({
      kind: 'limit',
      message: `Run exceeded maxExecutionTimeMs (${SPIN_LIMIT_MS})`,
      blockId: 'spin',
    });
    expect(spin.totalDurationMs).toBeGreaterThanOrEqual(SPIN_LIMIT_MS);
    expect(stepOf(spin, 'spin').status).toBe('error');
  });

  it('leaves the server able to run the same tenant again', async () => {
    const trivial = await saveWorkflow(handle, spinTenant, trivialGraph);

    const started = await startRunCommand(handle.db, spinTenant, {
      ...trivial,
      mode: 'preview',
      input: { n: 5 },
    });
    if (!started.ok) throw new Error(started.error);
    const finished = await waitUntilFinished(spinTenant, trivial.workflowId, started.runId);

    expect(finished.status).toBe('success');
    expect(finished.output).toBe(10);
  });
});
