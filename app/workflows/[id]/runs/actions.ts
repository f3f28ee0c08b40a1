'use server';

import { z } from 'zod';

import { getDatabase } from '@/lib/db/client';
import { logger } from '@/lib/logger';
import { listRuns as listStoredRuns } from '@/lib/repositories/runs';
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
  toRunListItem,
  type RunDetail,
  type RunListItem,
  type RunProgressReport,
} from '@/lib/run-view';
import { getSessionTenantId } from '@/lib/session';

export type ActionResult<T> = ({ ok: true } & T) | { ok: false; error: string };

/** Time a start action waits for the run to finish before it returns and the browser polls. */
const START_WAIT_MS = 400;

const uuid = z.uuid({ error: 'must be a UUID' });

const limitsSchema = z
  .object({
    maxExecutionTimeMs: z.number().int().positive().optional(),
    maxSteps: z.number().int().positive().optional(),
  })
  .optional();

const startRunSchema = z.object({
  workflowId: uuid,
  versionId: uuid,
  mode: z.enum(['preview', 'live']),
  input: z.unknown(),
  limits: limitsSchema,
});

const replaySchema = z.object({
  workflowId: uuid,
  sourceRunId: uuid,
  checkpointStep: z.number().int().nonnegative(),
  commit: z.boolean().default(false),
  limits: limitsSchema,
});

const runRefSchema = z.object({ workflowId: uuid, runId: uuid });

const progressSchema = runRefSchema.extend({ afterStep: z.number().int().nonnegative() });

const listSchema = z.object({
  workflowId: uuid,
  limit: z.number().int().min(1).max(200).default(50),
});

function invalid(action: string, error: z.ZodError): { ok: false; error: string } {
  const problems = error.issues.map(
    (issue) => `${issue.path.join('.') || 'request'} ${issue.message}`,
  );
  return { ok: false, error: `Invalid ${action} request: ${problems.join('; ')}` };
}

function failure(action: string, error: unknown, meta: object): { ok: false; error: string } {
  if (isRunServiceError(error)) return { ok: false, error: error.message };

  logger.error({ err: error, ...meta }, `${action} failed`);
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: `${action} failed: ${message}. Check the server log for details.` };
}

async function answerStarted(
  started: StartedRun,
  tenantId: string,
  workflowId: string,
): Promise<ActionResult<{ runId: string; run: RunDetail | null }>> {
  const finished = await waitForRun(started, START_WAIT_MS);
  if (finished === undefined) return { ok: true, runId: started.runId, run: null };

  const { db } = await getDatabase();
  const run = await loadRunDetail(db, tenantId, workflowId, started.runId);
  return { ok: true, runId: started.runId, run };
}

/**
 * Starts a preview or live run of a saved version. Returns the finished run when it ends within
 * a moment, else its id; the browser then polls `getRunProgress`.
 */
export async function startRun(
  request: z.input<typeof startRunSchema>,
): Promise<ActionResult<{ runId: string; run: RunDetail | null }>> {
  const parsed = startRunSchema.safeParse(request);
  if (!parsed.success) return invalid('run', parsed.error);

  const tenantId = await getSessionTenantId();
  try {
    const { db } = await getDatabase();
    const started = await startWorkflowRun(db, { tenantId, ...parsed.data });
    return await answerStarted(started, tenantId, parsed.data.workflowId);
  } catch (error) {
    return failure('Starting the run', error, { tenantId, workflowId: parsed.data.workflowId });
  }
}

/**
 * Starts a replay of a finished run from the variables after `checkpointStep`: a snapshot run,
 * staged unless `commit` is set.
 */
export async function replayFromStep(
  request: z.input<typeof replaySchema>,
): Promise<ActionResult<{ runId: string; run: RunDetail | null }>> {
  const parsed = replaySchema.safeParse(request);
  if (!parsed.success) return invalid('replay', parsed.error);

  const tenantId = await getSessionTenantId();
  try {
    const { db } = await getDatabase();
    const started = await startReplay(db, { tenantId, ...parsed.data });
    return await answerStarted(started, tenantId, parsed.data.workflowId);
  } catch (error) {
    return failure('Starting the replay', error, {
      tenantId,
      sourceRunId: parsed.data.sourceRunId,
    });
  }
}

/**
 * Reports a run's steps after the first `afterStep` and the blocks running now, or the finished
 * run once it has ended.
 */
export async function getRunProgress(
  request: z.input<typeof progressSchema>,
): Promise<ActionResult<{ progress: RunProgressReport | null; run: RunDetail | null }>> {
  const parsed = progressSchema.safeParse(request);
  if (!parsed.success) return invalid('progress', parsed.error);

  const { workflowId, runId, afterStep } = parsed.data;
  const tenantId = await getSessionTenantId();
  const live = readRunProgress(tenantId, runId, afterStep);
  if (live) return { ok: true, progress: { status: 'running', ...live }, run: null };

  try {
    const { db } = await getDatabase();
    const run = await loadRunDetail(db, tenantId, workflowId, runId);
    if (!run) return { ok: false, error: `Run "${runId}" not found` };
    if (run.status !== 'running') return { ok: true, progress: null, run };

    const empty: RunProgressReport = {
      status: 'running',
      steps: [],
      stepCount: 0,
      runningBlockIds: [],
    };
    return { ok: true, progress: empty, run: null };
  } catch (error) {
    return failure('Reading the run progress', error, { tenantId, runId });
  }
}

/** Loads a run with its trace and its replays. */
export async function getRun(
  request: z.input<typeof runRefSchema>,
): Promise<ActionResult<{ run: RunDetail }>> {
  const parsed = runRefSchema.safeParse(request);
  if (!parsed.success) return invalid('run lookup', parsed.error);

  const { workflowId, runId } = parsed.data;
  const tenantId = await getSessionTenantId();
  try {
    const { db } = await getDatabase();
    const run = await loadRunDetail(db, tenantId, workflowId, runId);
    if (!run) return { ok: false, error: `Run "${runId}" not found` };
    return { ok: true, run };
  } catch (error) {
    return failure('Loading the run', error, { tenantId, runId });
  }
}

/** Lists a workflow's runs, newest first, without traces. */
export async function listRuns(
  request: z.input<typeof listSchema>,
): Promise<ActionResult<{ runs: RunListItem[] }>> {
  const parsed = listSchema.safeParse(request);
  if (!parsed.success) return invalid('run list', parsed.error);

  const { workflowId, limit } = parsed.data;
  const tenantId = await getSessionTenantId();
  try {
    const { db } = await getDatabase();
    const runs = await listStoredRuns(db, tenantId, workflowId, limit);
    return { ok: true, runs: runs.map(toRunListItem) };
  } catch (error) {
    return failure('Listing the runs', error, { tenantId, workflowId });
  }
}
