/**
 * The result of a run whose worker process ended before it sent one: it exited (a crash, such as
 * V8 aborting on an allocation the isolate's memory limit did not catch), or the server stopped
 * it after its time limit. The trace keeps every step the worker streamed, plus an error step for
 * the block that was running, so the run can still be read and replayed up to that block.
 */

import type {
  ExecutionTrace,
  RunResult,
  SnapshotInput,
  StepTrace,
  TraceError,
  VariableAssignment,
} from '../../engine/types';
import type { RunJob } from './protocol';

/** The server's record of a run while its worker executes it. */
export interface JobProgress {
  job: RunJob;
  /** `performance.now()` and wall-clock time when the job was sent to the worker. */
  sentAt: number;
  sentAtIso: string;
  steps: StepTrace[];
  assignments: VariableAssignment[];
  /** Blocks that started and have no step yet, innermost last, with their start time. */
  running: Array<{ blockId: string; iteration: number | undefined; startedAt: number }>;
  queryCount: number;
}

export type WorkerLoss =
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null }
  | { kind: 'deadline'; maxExecutionTimeMs: number };

/** Describes the loss for the run's error, naming the block that was running. */
export function describeLoss(loss: WorkerLoss, blockId: string | undefined, memoryLimitMb: number) {
  if (loss.kind === 'deadline') {
    const block = blockId === undefined ? 'the run' : `block "${blockId}"`;
    return `Run exceeded maxExecutionTimeMs (${loss.maxExecutionTimeMs}): ${block} did not stop, so its worker process was stopped`;
  }

  const how = loss.signal === null ? `exit code ${loss.code}` : `signal ${loss.signal}`;
  if (blockId === undefined) {
    return `The run's worker process exited (${how}) while no block was running; see the server log`;
  }
  if (loss.signal === null) {
    return `The run's worker process exited (${how}) while running block "${blockId}"; see the server log`;
  }
  return `The run's worker process exited (${how}) while running block "${blockId}"; the block likely exceeded the sandbox memory limit of ${memoryLimitMb} MB, so work on less data at a time`;
}

/** Builds the error result of a run whose worker was lost, from the progress streamed so far. */
export function lostRunResult(
  progress: JobProgress,
  loss: WorkerLoss,
  memoryLimitMb: number,
): RunResult {
  const runningBlock = progress.running.at(-1);
  const message = describeLoss(loss, runningBlock?.blockId, memoryLimitMb);
  const steps = [...progress.steps];
  if (runningBlock) steps.push(errorStep(progress, runningBlock, steps.length, message));

  const error: TraceError = {
    kind: loss.kind === 'deadline' ? 'limit' : 'block',
    message,
    ...(runningBlock ? { blockId: runningBlock.blockId } : {}),
  };
  return {
    status: 'error',
    output: null,
    executionTrace: buildTrace(progress, steps, error),
    assignments: [...snapshotSeeds(progress.job), ...progress.assignments],
  };
}

function errorStep(
  progress: JobProgress,
  block: JobProgress['running'][number],
  index: number,
  message: string,
): StepTrace {
  const node = progress.job.workflowVersion.graph.nodes.find((item) => item.id === block.blockId);
  return {
    index,
    blockId: block.blockId,
    blockType: node?.type ?? 'unknown',
    ...(block.iteration === undefined ? {} : { iteration: block.iteration }),
    status: 'error',
    // Offsets come from the server's clock, so they are close to the worker's, not equal.
    startOffsetMs: block.startedAt - progress.sentAt,
    durationMs: performance.now() - block.startedAt,
    error: message,
  };
}

function buildTrace(progress: JobProgress, steps: StepTrace[], error: TraceError): ExecutionTrace {
  const { job } = progress;
  const sum = (field: 'dbTimeMs' | 'jsTimeMs' | 'httpTimeMs') =>
    steps.reduce((total, step) => total + (step[field] ?? 0), 0);
  const snapshot = job.options.snapshot;

  return {
    runId: job.options.runId,
    workflowId: job.workflowVersion.workflowId,
    versionId: job.workflowVersion.id,
    mode: job.executionMode,
    status: 'error',
    startedAt: progress.sentAtIso,
    finishedAt: new Date().toISOString(),
    error,
    ...(job.executionMode === 'snapshot' && snapshot
      ? { snapshot: { sourceRunId: snapshot.sourceRunId, checkpointStep: snapshot.checkpointStep } }
      : {}),
    metrics: {
      totalDurationMs: performance.now() - progress.sentAt,
      dbTimeMs: sum('dbTimeMs'),
      jsTimeMs: sum('jsTimeMs'),
      httpTimeMs: sum('httpTimeMs'),
      queryCount: progress.queryCount,
      cacheHits: steps.filter((step) => step.cacheHit === true).length,
      stepCount: steps.length,
      skippedCount: steps.filter((step) => step.status === 'skipped').length,
      // NOTE: the worker reports its sandbox counters only with its result, so a lost run has none.
      isolatesCreated: 0,
      scriptsCompiled: 0,
    },
    steps,
  };
}

/** Lists the checkpoint variables a snapshot run starts from, as the engine records them. */
function snapshotSeeds(job: RunJob): VariableAssignment[] {
  if (job.executionMode !== 'snapshot') return [];

  const vars = (job.inputJson as SnapshotInput | null)?.vars ?? {};
  return Object.entries(vars).map(([key, value]) => ({ stepIndex: -1, key, value }));
}
