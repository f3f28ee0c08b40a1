import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';

import type { ExecutionMode, RunResult } from '../../engine/types';
import { runsTable, workflowVersionsTable, type RunRecord } from '../../drizzle/schema';
import type { Database } from '../db/client';
import { isUuid } from './ids';

/** The error message of a run that was `running` when the server stopped. */
export const INTERRUPTED_MESSAGE = 'The server stopped while the run was in progress';

export interface NewRun {
  workflowId: string;
  versionId: string;
  mode: ExecutionMode;
  input?: unknown;
  /** For a replay: the run it replays and the step it starts after. */
  sourceRunId?: string;
  checkpointStep?: number;
}

/** A run without its trace, input, output and assignments, for run lists. */
export type RunSummary = Omit<RunRecord, 'trace' | 'input' | 'output' | 'assignments'>;

const {
  trace: _trace,
  input: _input,
  output: _output,
  assignments: _assignments,
  ...summaryColumns
} = getTableColumns(runsTable);

/**
 * Records a run as `running`. Returns null when the version is not a version of that workflow
 * of the tenant, or when the replay's source run is not a run of the tenant.
 */
export async function createRun(
  db: Database,
  tenantId: string,
  run: NewRun,
): Promise<RunRecord | null> {
  const ids = [tenantId, run.workflowId, run.versionId, run.sourceRunId ?? tenantId];
  if (!ids.every(isUuid)) return null;

  const [version] = await db
    .select({ id: workflowVersionsTable.id })
    .from(workflowVersionsTable)
    .where(
      and(
        eq(workflowVersionsTable.id, run.versionId),
        eq(workflowVersionsTable.workflowId, run.workflowId),
        eq(workflowVersionsTable.tenantId, tenantId),
      ),
    );
  if (!version) return null;
  if (run.sourceRunId && !(await getRunSummary(db, tenantId, run.sourceRunId))) return null;

  const [created] = await db
    .insert(runsTable)
    .values({
      tenantId,
      workflowId: run.workflowId,
      versionId: run.versionId,
      mode: run.mode,
      status: 'running',
      input: run.input ?? null,
      sourceRunId: run.sourceRunId ?? null,
      checkpointStep: run.checkpointStep ?? null,
    })
    .returning();
  return created!;
}

/**
 * Stores the result of a running run: status, output, metric columns, the whole trace and the
 * assignments. Returns null when the tenant has no running run with that id (unknown, or
 * already finished or interrupted).
 */
export async function finishRun(
  db: Database,
  tenantId: string,
  runId: string,
  result: RunResult,
): Promise<RunRecord | null> {
  if (!isUuid(tenantId) || !isUuid(runId)) return null;

  const trace = result.executionTrace;
  const [finished] = await db
    .update(runsTable)
    .set({
      status: result.status,
      output: result.output ?? null,
      errorMessage: trace.error?.message ?? null,
      totalDurationMs: trace.metrics.totalDurationMs,
      stepCount: trace.metrics.stepCount,
      queryCount: trace.metrics.queryCount,
      cacheHits: trace.metrics.cacheHits,
      trace,
      assignments: result.assignments,
      finishedAt: trace.finishedAt ? new Date(trace.finishedAt) : sql`now()`,
    })
    .where(runningRunOf(tenantId, runId))
    .returning();
  return finished ?? null;
}

/**
 * Marks a running run as failed without a trace, for a failure outside the engine (the engine
 * itself reports block errors in its result). Null when no running run of the tenant has that id.
 */
export async function failRun(
  db: Database,
  tenantId: string,
  runId: string,
  message: string,
): Promise<RunRecord | null> {
  if (!isUuid(tenantId) || !isUuid(runId)) return null;

  const [failed] = await db
    .update(runsTable)
    .set({ status: 'error', errorMessage: message, finishedAt: sql`now()` })
    .where(runningRunOf(tenantId, runId))
    .returning();
  return failed ?? null;
}

export async function getRun(
  db: Database,
  tenantId: string,
  runId: string,
): Promise<RunRecord | null> {
  if (!isUuid(tenantId) || !isUuid(runId)) return null;

  const [run] = await db
    .select()
    .from(runsTable)
    .where(and(eq(runsTable.id, runId), eq(runsTable.tenantId, tenantId)));
  return run ?? null;
}

async function getRunSummary(
  db: Database,
  tenantId: string,
  runId: string,
): Promise<RunSummary | null> {
  const [run] = await db
    .select(summaryColumns)
    .from(runsTable)
    .where(and(eq(runsTable.id, runId), eq(runsTable.tenantId, tenantId)));
  return run ?? null;
}

/** Lists a workflow's runs, newest first, without traces. `limit` defaults to 50. */
export async function listRuns(
  db: Database,
  tenantId: string,
  workflowId: string,
  limit = 50,
): Promise<RunSummary[]> {
  if (!isUuid(tenantId) || !isUuid(workflowId)) return [];

  return db
    .select(summaryColumns)
    .from(runsTable)
    .where(and(eq(runsTable.workflowId, workflowId), eq(runsTable.tenantId, tenantId)))
    .orderBy(desc(runsTable.startedAt), desc(runsTable.id))
    .limit(limit);
}

/** Lists the replays of a run (runs whose source is that run), newest first, without traces. */
export async function listReplays(
  db: Database,
  tenantId: string,
  sourceRunId: string,
): Promise<RunSummary[]> {
  if (!isUuid(tenantId) || !isUuid(sourceRunId)) return [];

  return db
    .select(summaryColumns)
    .from(runsTable)
    .where(and(eq(runsTable.sourceRunId, sourceRunId), eq(runsTable.tenantId, tenantId)))
    .orderBy(desc(runsTable.startedAt), desc(runsTable.id));
}

/**
 * Marks every `running` run of every tenant `interrupted`, with `finishedAt` now. Run at server
 * start, when no run of a previous process can still be running. Returns the number marked.
 *
 * NOTE: this assumes one server process per database. With several processes on one PostgreSQL
 * server, a restart would also mark the live runs of the others. The fix is to record the
 * owning process on each run and mark only the runs of processes that are gone.
 */
export async function markRunningRunsInterrupted(db: Database): Promise<number> {
  const marked = await db
    .update(runsTable)
    .set({ status: 'interrupted', errorMessage: INTERRUPTED_MESSAGE, finishedAt: sql`now()` })
    .where(eq(runsTable.status, 'running'))
    .returning({ id: runsTable.id });
  return marked.length;
}

function runningRunOf(tenantId: string, runId: string) {
  return and(
    eq(runsTable.id, runId),
    eq(runsTable.tenantId, tenantId),
    eq(runsTable.status, 'running'),
  );
}
