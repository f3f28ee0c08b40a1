/**
 * Executes one recorded run in the background. It calls the engine (in a worker process, see
 * lib/run-worker) with the tenant's data access, the capped limits and the HTTP allow list. It
 * feeds the progress registry and stores the result, failed runs included, on the run's record.
 */

import type { RunRecord } from '../drizzle/schema';
import type {
  ExecutionMode,
  RunLimits,
  SnapshotOptions,
  WorkflowVersionRef,
} from '../engine/types';
import { getConfig, httpAllowList } from './config';
import type { Database } from './db/client';
import { createDataAccess } from './engine-data';
import { logger } from './logger';
import { failRun, finishRun, getRun } from './repositories/runs';
import { capRunLimits } from './run-limits';
import { trackRun, untrackRun } from './run-progress-registry';
import { runGraphOnServer } from './run-worker';

export interface RunLaunch {
  db: Database;
  tenantId: string;
  run: RunRecord;
  version: WorkflowVersionRef;
  executionMode: ExecutionMode;
  inputJson: unknown;
  limits?: Partial<RunLimits>;
  snapshot?: SnapshotOptions;
}

export interface StartedRun {
  runId: string;
  /**
   * The run's record once it finished, failed or not. Null only when even recording the failure
   * failed (the database is gone), which is logged. Never rejects.
   */
  finished: Promise<RunRecord | null>;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function executeRun(launch: RunLaunch): Promise<RunRecord | null> {
  const { db, tenantId, run } = launch;
  const config = getConfig();
  const runLogger = logger.child({ runId: run.id, tenantId, workflowId: run.workflowId });

  const result = await runGraphOnServer({
    workflowVersion: launch.version,
    inputJson: launch.inputJson,
    tenantId,
    executionMode: launch.executionMode,
    options: {
      debug: true,
      runId: run.id,
      limits: capRunLimits(launch.limits, config),
      memoryLimitMb: config.FLOWSCOPE_ISOLATE_MEMORY_MB,
      ...(launch.snapshot ? { snapshot: launch.snapshot } : {}),
    },
    context: {
      data: createDataAccess(db),
      logger: runLogger,
      httpAllowList: httpAllowList(config),
      ...trackRun(run.id, tenantId),
    },
  });

  const { metrics, error } = result.executionTrace;
  runLogger.info(
    {
      status: result.status,
      totalDurationMs: metrics.totalDurationMs,
      stepCount: metrics.stepCount,
    },
    'run finished',
  );
  if (error) runLogger.warn({ error }, 'run ended with an error');

  return (await finishRun(db, tenantId, run.id, result)) ?? (await getRun(db, tenantId, run.id));
}

async function recordFailure(launch: RunLaunch, error: unknown): Promise<RunRecord | null> {
  const { db, tenantId, run } = launch;
  logger.error({ err: error, runId: run.id, tenantId }, 'run failed outside the engine');

  try {
    const message = `The run failed before it could finish: ${errorMessage(error)}`;
    return (await failRun(db, tenantId, run.id, message)) ?? (await getRun(db, tenantId, run.id));
  } catch (recordError) {
    logger.error({ err: recordError, runId: run.id, tenantId }, 'recording the run failure failed');
    return null;
  }
}

/**
 * Starts executing a run already recorded as `running` and returns at once; `finished` settles
 * when the result is stored. The progress registry tracks the run until then.
 */
export function launchRun(launch: RunLaunch): StartedRun {
  const { run, tenantId } = launch;
  logger.info(
    {
      runId: run.id,
      tenantId,
      workflowId: run.workflowId,
      versionId: run.versionId,
      mode: run.mode,
    },
    'run started',
  );

  const finished = executeRun(launch)
    .catch((error: unknown) => recordFailure(launch, error))
    .finally(() => untrackRun(run.id));

  return { runId: run.id, finished };
}
