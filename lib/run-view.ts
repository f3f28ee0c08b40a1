/**
 * The shapes of runs that the run actions send to the browser: a summary per run for the
 * history list and the whole run with its trace for the canvas, timeline and inspector.
 */

import type { RunRecord } from '../drizzle/schema';
import type { ExecutionMode, ExecutionTrace, StepTrace } from '../engine/types';
import type { RunSummary as StoredRunSummary } from './repositories/runs';

export type RunRecordStatus = RunRecord['status'];

export interface RunListItem {
  id: string;
  workflowId: string;
  versionId: string;
  mode: ExecutionMode;
  status: RunRecordStatus;
  /** Null while the run is going or when it was interrupted. */
  totalDurationMs: number | null;
  stepCount: number | null;
  errorMessage: string | null;
  /** ISO 8601. */
  startedAt: string;
  finishedAt: string | null;
  /** The run a replay started from, and the step it started after. */
  sourceRunId: string | null;
  checkpointStep: number | null;
}

export interface RunDetail extends RunListItem {
  input: unknown;
  output: unknown;
  /** Null while the run is going or when the server stopped during it. */
  trace: ExecutionTrace | null;
  /** Replays started from this run, newest first. */
  replays: RunListItem[];
}

/** A running run's progress since the step count the browser already has. */
export interface RunProgressReport {
  status: 'running';
  /** Steps recorded after the first `afterStep` ones. */
  steps: StepTrace[];
  /** Steps recorded in total so far. */
  stepCount: number;
  runningBlockIds: string[];
}

export function toRunListItem(run: StoredRunSummary): RunListItem {
  return {
    id: run.id,
    workflowId: run.workflowId,
    versionId: run.versionId,
    mode: run.mode,
    status: run.status,
    totalDurationMs: run.totalDurationMs,
    stepCount: run.stepCount,
    errorMessage: run.errorMessage,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
    sourceRunId: run.sourceRunId,
    checkpointStep: run.checkpointStep,
  };
}

export function toRunDetail(run: RunRecord, replays: StoredRunSummary[]): RunDetail {
  return {
    ...toRunListItem(run),
    input: run.input ?? null,
    output: run.output ?? null,
    trace: run.trace ?? null,
    replays: replays.map(toRunListItem),
  };
}
