/**
 * The run actions' work, apart from the session: each command takes the database and the
 * session's tenant, validates its request with zod and returns an `ActionResult`. Ids of another
 * tenant get the same "not found" as unknown ids.
 */

import { z } from 'zod';

import { describeIssues, type ActionResult } from '@/lib/action-result';
import type { Database } from '@/lib/db/client';
import { logger } from '@/lib/logger';
import { listRuns } from '@/lib/repositories/runs';
import { getWorkflow } from '@/lib/repositories/workflows';
import { isRunServiceError } from '@/lib/run-errors';
import { readRunProgress } from '@/lib/run-progress-registry';
import {
  loadRunDetail,
  startReplay,
  startWorkflowRun,
  waitForRun,
  type StartedRun,
} from '@/lib/run-service';
import {
  toRunDetail,
  toRunListItem,
  type RunDetail,
  type RunListItem,
  type RunProgressReport,
} from '@/lib/run-view';

/** Time a start command waits for the run to finish before it returns and the browser polls. */
export const START_WAIT_MS = 400;

const uuid = z.uuid({ error: 'must be a UUID' });

const limitsSchema = z
  .object({
    maxExecutionTimeMs: z.number().int().positive().optional(),
    maxSteps: z.number().int().positive().optional(),
  })
  .optional();

export const startRunSchema = z.object({
  workflowId: uuid,
  versionId: uuid,
  mode: z.enum(['preview', 'live']),
  input: z.json().default({}),
  limits: limitsSchema,
});

export const replaySchema = z.object({
  workflowId: uuid,
  sourceRunId: uuid,
  checkpointStep: z.number().int().nonnegative(),
  commit: z.boolean().default(false),
  limits: limitsSchema,
});

export const runRefSchema = z.object({ workflowId: uuid, runId: uuid });

export const progressSchema = runRefSchema.extend({ afterStep: z.number().int().nonnegative() });

export const listSchema = z.object({
  workflowId: uuid,
  limit: z.number().int().min(1).max(200).default(50),
});

export type StartedRunResult = ActionResult<{ runId: string; run: RunDetail | null }>;
export type ProgressResult = ActionResult<{
  progress: RunProgressReport | null;
  run: RunDetail | null;
}>;

type Failure = { ok: false; error: string };

function invalid(what: string, error: z.ZodError): Failure {
  return { ok: false, error: `Invalid ${what} request: ${describeIssues(error)}` };
}

function failure(what: string, error: unknown, meta: object): Failure {
  if (isRunServiceError(error)) return { ok: false, error: error.message };

  logger.error({ err: error, ...meta }, `${what} failed`);
  const reason = error instanceof Error ? error.message : String(error);
  return { ok: false, error: `${what} failed: ${reason}. Check the server log for details.` };
}

function runNotFound(runId: string): Failure {
  return { ok: false, error: `Run "${runId}" not found` };
}

async function respondStarted(
  db: Database,
  tenantId: string,
  workflowId: string,
  started: StartedRun,
): Promise<StartedRunResult> {
  const finished = await waitForRun(started, START_WAIT_MS);
  if (finished === undefined) return { ok: true, runId: started.runId, run: null };

  // `finished` is the stored record, and a run that finished a moment ago has no replays yet,
  // so the detail needs no second read. A null record means storing failed: read what is there.
  const run = finished
    ? toRunDetail(finished, [])
    : await loadRunDetail(db, tenantId, workflowId, started.runId);
  return { ok: true, runId: started.runId, run };
}

/** Starts a preview or live run of a saved version; see `startRun` in actions.ts. */
export async function startRunCommand(
  db: Database,
  tenantId: string,
  request: unknown,
): Promise<StartedRunResult> {
  const parsed = startRunSchema.safeParse(request);
  if (!parsed.success) return invalid('run', parsed.error);

  try {
    const started = await startWorkflowRun(db, { tenantId, ...parsed.data });
    return await respondStarted(db, tenantId, parsed.data.workflowId, started);
  } catch (error) {
    return failure('Starting the run', error, { tenantId, workflowId: parsed.data.workflowId });
  }
}

/** Starts a replay from a step of a finished run; see `replayFromStep` in actions.ts. */
export async function replayCommand(
  db: Database,
  tenantId: string,
  request: unknown,
): Promise<StartedRunResult> {
  const parsed = replaySchema.safeParse(request);
  if (!parsed.success) return invalid('replay', parsed.error);

  try {
    const started = await startReplay(db, { tenantId, ...parsed.data });
    return await respondStarted(db, tenantId, parsed.data.workflowId, started);
  } catch (error) {
    return failure('Starting the replay', error, { tenantId, runId: parsed.data.sourceRunId });
  }
}

/**
 * Reports the progress of a run this process is executing, or the finished run. A run recorded
 * as running but not executing here (another server process) reports no steps yet.
 */
export async function runProgressCommand(
  db: Database,
  tenantId: string,
  request: unknown,
): Promise<ProgressResult> {
  const parsed = progressSchema.safeParse(request);
  if (!parsed.success) return invalid('progress', parsed.error);

  const { workflowId, runId, afterStep } = parsed.data;
  const live = readRunProgress(tenantId, runId, afterStep);
  if (live) return { ok: true, progress: { status: 'running', ...live }, run: null };

  try {
    const run = await loadRunDetail(db, tenantId, workflowId, runId);
    if (!run) return runNotFound(runId);
    if (run.status !== 'running') return { ok: true, progress: null, run };

    const empty = { status: 'running' as const, steps: [], stepCount: 0, runningBlockIds: [] };
    return { ok: true, progress: empty, run: null };
  } catch (error) {
    return failure('Reading the run progress', error, { tenantId, runId });
  }
}

/** Loads a run with its trace and its replays. */
export async function getRunCommand(
  db: Database,
  tenantId: string,
  request: unknown,
): Promise<ActionResult<{ run: RunDetail }>> {
  const parsed = runRefSchema.safeParse(request);
  if (!parsed.success) return invalid('run lookup', parsed.error);

  const { workflowId, runId } = parsed.data;
  try {
    const run = await loadRunDetail(db, tenantId, workflowId, runId);
    return run ? { ok: true, run } : runNotFound(runId);
  } catch (error) {
    return failure('Loading the run', error, { tenantId, runId });
  }
}

/** Lists a workflow's runs, newest first, without traces. */
export async function listRunsCommand(
  db: Database,
  tenantId: string,
  request: unknown,
): Promise<ActionResult<{ runs: RunListItem[] }>> {
  const parsed = listSchema.safeParse(request);
  if (!parsed.success) return invalid('run list', parsed.error);

  const { workflowId, limit } = parsed.data;
  try {
    if (!(await getWorkflow(db, tenantId, workflowId))) {
      return { ok: false, error: `Workflow "${workflowId}" not found` };
    }

    const runs = await listRuns(db, tenantId, workflowId, limit);
    return { ok: true, runs: runs.map(toRunListItem) };
  } catch (error) {
    return failure('Listing the runs', error, { tenantId, workflowId });
  }
}
