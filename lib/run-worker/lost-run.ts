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
  | { kind: 'deadline'; maxExecutionTimeMs: number }
  /** The server stopped the worker because it is shutting down. */
  | { kind: 'stopped' }
  /** The server stopped the worker because it sent something that is not a message. */
  | { kind: 'protocol' };

/** The error of a run whose worker the server stopped on shutdown. */
export const STOPPED_MESSAGE = 'The server stopped while the run was in progress';

/**
 * Describes the loss for the run's error. It names the block that was running, or else the last
 * block that finished.
 *
 * NOTE: consecutive js blocks that run as one sandbox call report their start only when the call
 * returns, so a worker lost inside such a chain is described by the block before the chain.
 */
export function describeLoss(
  loss: WorkerLoss,
  blocks: { running?: string; lastFinished?: string },
  memoryLimitMb: number,
): string {
  if (loss.kind === 'stopped') return STOPPED_MESSAGE;
  if (loss.kind === 'protocol') {
    const block = blocks.running === undefined ? '' : ` while running block "${blocks.running}"`;
    return `The run's worker process sent an invalid message${block} and was stopped; see the server log`;
  }
  if (loss.kind === 'deadline') {
    const block = blocks.running === undefined ? 'the run' : `block "${blocks.running}"`;
    return `Run exceeded maxExecutionTimeMs (${loss.maxExecutionTimeMs}): ${block} did not stop, so its worker process was stopped`;
  }

  const how = loss.signal === null ? `exit code ${loss.code}` : `signal ${loss.signal}`;
  const where =
    blocks.running !== undefined
      ? `while running block "${blocks.running}"`
      : blocks.lastFinished !== undefined
        ? `after block "${blocks.lastFinished}"`
        : 'before any block finished';
  if (loss.signal === null)
    return `The run's worker process exited (${how}) ${where}; see the server log`;

  const culprit = blocks.running !== undefined ? 'the block' : 'a block';
  return `The run's worker process exited (${how}) ${where}; ${culprit} likely exceeded the sandbox memory limit of ${memoryLimitMb} MB, so work on less data at a time`;
}

/** Builds the error result of a run whose worker was lost, from the progress streamed so far. */
export function lostRunResult(
  progress: JobProgress,
  loss: WorkerLoss,
  memoryLimitMb: number,
): RunResult {
  const runningBlock = progress.running.at(-1);
  const blocks = { running: runningBlock?.blockId, lastFinished: progress.steps.at(-1)?.blockId };
  const message = describeLoss(loss, blocks, memoryLimitMb);
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
