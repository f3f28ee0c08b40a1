/**
 * Shared steps of the hardening tests: a test database with tenants, saved workflows, and runs
 * started through the run service (lib/run-service.ts) and awaited to their stored record.
 */

import { randomUUID } from 'node:crypto';

import type { RunRecord } from '../../drizzle/schema';
import type { RunLimits, WorkflowGraph } from '../../engine/types';
import { getConfig } from '../../lib/config';
import type { DatabaseHandle } from '../../lib/db/client';
import { createWorkflow } from '../../lib/repositories/workflows';
import { startReplay, startWorkflowRun } from '../../lib/run-service';

/**
 * Sets the HTTP allow list of the server's runs in this test process. The configuration is parsed
 * once per process, when the logger loads, so this changes the parsed value in place.
 */
export function allowHttpTargets(hostPorts: string[]): void {
  getConfig().FLOWSCOPE_HTTP_ALLOW = hostPorts.join(',');
}

export interface SavedWorkflow {
  workflowId: string;
  versionId: string;
}

/** Saves a workflow of the tenant whose first version is `graph`. */
export async function saveWorkflow(
  handle: DatabaseHandle,
  tenantId: string,
  graph: WorkflowGraph,
): Promise<SavedWorkflow> {
  const { workflow, version } = await createWorkflow(handle.db, tenantId, {
    name: `hardening ${randomUUID().slice(0, 8)}`,
    graph,
  });
  return { workflowId: workflow.id, versionId: version.id };
}

export interface RunRequest {
  mode?: 'preview' | 'live';
  input?: unknown;
  limits?: Partial<RunLimits>;
}

/** Starts a run through the run service and returns its stored record once it has finished. */
export async function runToEnd(
  handle: DatabaseHandle,
  tenantId: string,
  workflow: SavedWorkflow,
  request: RunRequest = {},
): Promise<RunRecord> {
  const started = await startWorkflowRun(handle.db, {
    tenantId,
    ...workflow,
    mode: request.mode ?? 'preview',
    input: request.input ?? {},
    ...(request.limits ? { limits: request.limits } : {}),
  });
  return requireRecord(await started.finished);
}

/** Replays a finished run from a step through the run service and returns the replay's record. */
export async function replayToEnd(
  handle: DatabaseHandle,
  tenantId: string,
  source: RunRecord,
  checkpointStep: number,
  commit = false,
): Promise<RunRecord> {
  const started = await startReplay(handle.db, {
    tenantId,
    workflowId: source.workflowId,
    sourceRunId: source.id,
    checkpointStep,
    commit,
  });
  return requireRecord(await started.finished);
}

function requireRecord(record: RunRecord | null): RunRecord {
  if (!record) throw new Error('The run finished without a stored record');
  return record;
}

/** Returns the only step of a block in a stored run; throws when it has none or several. */
export function stepOf(run: RunRecord, blockId: string) {
  const steps = (run.trace?.steps ?? []).filter((step) => step.blockId === blockId);
  if (steps.length !== 1) {
    throw new Error(`Expected one step of "${blockId}", found ${steps.length}`);
  }
  return steps[0]!;
}
