/**
 * Runs workflow versions for a tenant: records each run as `running`, executes it in the
 * background (lib/run-execution.ts) and serves its progress and its finished record. Every
 * lookup is scoped by tenant, so an id of another tenant is "not found".
 */

import type { RunRecord } from '../drizzle/schema';
import type { RunLimits, SnapshotInput, WorkflowVersionRef } from '../engine/types';
import type { Database } from './db/client';
import { createRun, getRun, listReplays } from './repositories/runs';
import { getWorkflowVersion } from './repositories/workflow-versions';
import { RunServiceError } from './run-errors';
import { launchRun, type StartedRun } from './run-execution';
import { buildReplayRequest } from './run-replay';
import { toRunDetail, type RunDetail } from './run-view';

export type { StartedRun } from './run-execution';

export interface RunWorkflowRequest {
  tenantId: string;
  workflowId: string;
  versionId: string;
  mode: 'preview' | 'live';
  input: unknown;
  limits?: Partial<RunLimits>;
}

export interface ReplayRunRequest {
  tenantId: string;
  workflowId: string;
  sourceRunId: string;
  /** The replay starts from the variables after this step of the source run. */
  checkpointStep: number;
  /** Commit writes and send requests instead of staging them; default false. */
  commit?: boolean;
  limits?: Partial<RunLimits>;
}

async function loadVersion(
  db: Database,
  tenantId: string,
  workflowId: string,
  versionId: string,
): Promise<WorkflowVersionRef> {
  const version = await getWorkflowVersion(db, tenantId, versionId);

  if (!version || version.workflowId !== workflowId) {
    throw new RunServiceError(
      'VERSION_NOT_FOUND',
      `Workflow version "${versionId}" not found; save the workflow and run it again`,
    );
  }

  return { id: version.id, workflowId: version.workflowId, graph: version.graph };
}

/** Records a preview or live run of a saved version and starts it in the background. */
export async function startWorkflowRun(
  db: Database,
  request: RunWorkflowRequest,
): Promise<StartedRun> {
  const { tenantId, workflowId, versionId, mode, input } = request;
  const version = await loadVersion(db, tenantId, workflowId, versionId);

  const run = await createRun(db, tenantId, { workflowId, versionId, mode, input });
  if (!run) {
    throw new RunServiceError('VERSION_NOT_FOUND', `Workflow version "${versionId}" not found`);
  }

  return launchRun({
    db,
    tenantId,
    run,
    version,
    executionMode: mode,
    inputJson: input,
    limits: request.limits,
  });
}

/** Loads a finished run of the workflow that a replay can start from, or throws why not. */
async function loadReplaySource(
  db: Database,
  request: ReplayRunRequest,
): Promise<RunRecord & { trace: NonNullable<RunRecord['trace']> }> {
  const { tenantId, workflowId, sourceRunId, checkpointStep } = request;
  const source = await getRun(db, tenantId, sourceRunId);

  if (!source || source.workflowId !== workflowId) {
    throw new RunServiceError('RUN_NOT_FOUND', `Run "${sourceRunId}" not found`);
  }
  if (source.status === 'running') {
    throw new RunServiceError(
      'SOURCE_RUN_NOT_FINISHED',
      `Run "${sourceRunId}" is still running; replay it once it has finished`,
    );
  }
  if (!source.trace) {
    throw new RunServiceError(
      'SOURCE_RUN_HAS_NO_TRACE',
      `Run "${sourceRunId}" has no trace to replay from (it was ${source.status}); start a new run instead`,
    );
  }

  const stepCount = source.trace.steps.length;
  if (checkpointStep >= stepCount) {
    throw new RunServiceError(
      'CHECKPOINT_OUT_OF_RANGE',
      `Step #${checkpointStep} is not a step of run "${sourceRunId}", which has ${stepCount} steps`,
    );
  }

  return source as RunRecord & { trace: NonNullable<RunRecord['trace']> };
}

/** Returns the input the source run started with; for a replay of a replay, the original input. */
function originalInput(source: RunRecord): unknown {
  if (source.mode !== 'snapshot') return source.input;
  return (source.input as SnapshotInput | null)?.input ?? null;
}

/**
 * Records a snapshot run of the source run's version that starts from the variables after
 * `checkpointStep`, and starts it in the background. Staged unless `commit` is set.
 */
export async function startReplay(db: Database, request: ReplayRunRequest): Promise<StartedRun> {
  const { tenantId, workflowId, sourceRunId, checkpointStep } = request;
  const source = await loadReplaySource(db, request);
  const version = await loadVersion(db, tenantId, workflowId, source.versionId);
  const replay = buildReplayRequest(
    {
      runId: source.id,
      input: originalInput(source),
      trace: source.trace,
      assignments: source.assignments ?? [],
    },
    checkpointStep,
    request.commit ?? false,
  );

  const run = await createRun(db, tenantId, {
    workflowId,
    versionId: source.versionId,
    mode: 'snapshot',
    input: replay.inputJson,
    sourceRunId,
    checkpointStep,
  });
  if (!run) throw new RunServiceError('RUN_NOT_FOUND', `Run "${sourceRunId}" not found`);

  return launchRun({
    db,
    tenantId,
    run,
    version,
    executionMode: 'snapshot',
    inputJson: replay.inputJson,
    snapshot: replay.snapshot,
    limits: request.limits,
  });
}

/** Loads a run of the workflow with its trace and replays; null when the tenant has none. */
export async function loadRunDetail(
  db: Database,
  tenantId: string,
  workflowId: string,
  runId: string,
): Promise<RunDetail | null> {
  const run = await getRun(db, tenantId, runId);
  if (!run || run.workflowId !== workflowId) return null;

  const replays = await listReplays(db, tenantId, runId);
  return toRunDetail(run, replays);
}

/**
 * Waits up to `waitMs` for a started run to finish, so short runs return in one request.
 * Returns the finished record, or undefined when the run is still going.
 */
export async function waitForRun(
  started: StartedRun,
  waitMs: number,
): Promise<RunRecord | null | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), waitMs);
  });

  try {
    return await Promise.race([started.finished, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
