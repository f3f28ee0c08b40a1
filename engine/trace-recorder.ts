/**
 * Builds the execution trace step by step. Times come from `performance.now()`, so durations
 * keep sub-millisecond precision; offsets are relative to the run's start.
 */

import type { EngineLogger } from './run-request';
import type { SandboxStats } from './sandbox/types';
import type {
  ExecutionTrace,
  StepSideEffects,
  StepStatus,
  StepTrace,
  TraceMetrics,
  TruncatedValue,
} from './types';

/** Values whose JSON is larger than this many bytes are truncated in the trace. */
export const MAX_TRACE_VALUE_BYTES = 64 * 1024;

/** Characters of JSON kept in the `preview` of a truncated value. */
export const TRUNCATED_PREVIEW_CHARS = 2048;

/** A step that has started: its clock and the time spent in each kind of call so far. */
export class OpenStep {
  dbTimeMs = 0;
  jsTimeMs = 0;
  httpTimeMs = 0;

  /** `startedAt` is a `performance.now()` reading; it defaults to now. */
  constructor(
    readonly blockId: string,
    readonly blockType: string,
    readonly iteration: number | undefined,
    readonly startedAt: number = performance.now(),
  ) {}

  /** Runs a database call and adds its duration to the step's `dbTimeMs`. */
  async measureDb<T>(call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await call();
    } finally {
      this.dbTimeMs += performance.now() - started;
    }
  }

  /** Runs an HTTP exchange and adds its duration to the step's `httpTimeMs`. */
  async measureHttp<T>(call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await call();
    } finally {
      this.httpTimeMs += performance.now() - started;
    }
  }
}

/** The result of a finished step besides its timing. */
export interface StepOutcome {
  status: StepStatus;
  skipReason?: string;
  skipDetail?: unknown;
  cacheHit?: boolean;
  cacheKey?: string;
  inputs?: unknown;
  output?: unknown;
  logs?: string[];
  error?: string;
  sideEffects?: StepSideEffects;
}

export interface TraceHeader {
  runId: string;
  workflowId: string;
  versionId: string;
  mode: ExecutionTrace['mode'];
  snapshot?: ExecutionTrace['snapshot'];
}

export class TraceRecorder {
  readonly steps: StepTrace[] = [];
  readonly startedAtIso = new Date().toISOString();
  private queryCount = 0;
  private cacheHits = 0;

  /**
   * `keepValues` false leaves step `inputs`, `output` and `logs` out of the trace, keeping the
   * timings, statuses, skip reasons and side effects.
   */
  constructor(
    readonly runStartedAt: number,
    private readonly options: {
      keepValues: boolean;
      onStep?: (step: StepTrace) => void;
      logger?: EngineLogger;
    },
  ) {}

  /** Opens a step; `startedAt` is a `performance.now()` reading and defaults to now. */
  startStep(blockId: string, blockType: string, iteration?: number, startedAt?: number): OpenStep {
    return new OpenStep(blockId, blockType, iteration, startedAt);
  }

  /**
   * Records a step with the next index and reports it to `onStep`. `finishedAt` is a
   * `performance.now()` reading and defaults to now.
   */
  finishStep(open: OpenStep, outcome: StepOutcome, finishedAt = performance.now()): StepTrace {
    const kept = this.options.keepValues
      ? outcome
      : { ...outcome, inputs: undefined, output: undefined, logs: undefined };
    const step = buildStep(this.steps.length, open, this.runStartedAt, kept, finishedAt);
    this.steps.push(step);
    this.notify(step);
    return step;
  }

  countQuery(): void {
    this.queryCount += 1;
  }

  countCacheHit(): void {
    this.cacheHits += 1;
  }

  /** Builds the whole trace so far; `finishedAt` and the total duration are taken now. */
  buildTrace(
    header: TraceHeader,
    sandboxStats: SandboxStats,
    error?: ExecutionTrace['error'],
  ): ExecutionTrace {
    return {
      ...header,
      status: error ? 'error' : 'success',
      startedAt: this.startedAtIso,
      finishedAt: new Date().toISOString(),
      ...(error ? { error } : {}),
      metrics: this.buildMetrics(sandboxStats),
      steps: this.steps,
    };
  }

  private buildMetrics(sandboxStats: SandboxStats): TraceMetrics {
    const sum = (field: 'dbTimeMs' | 'jsTimeMs' | 'httpTimeMs') =>
      this.steps.reduce((total, step) => total + (step[field] ?? 0), 0);

    return {
      totalDurationMs: performance.now() - this.runStartedAt,
      dbTimeMs: sum('dbTimeMs'),
      jsTimeMs: sum('jsTimeMs'),
      httpTimeMs: sum('httpTimeMs'),
      queryCount: this.queryCount,
      cacheHits: this.cacheHits,
      stepCount: this.steps.length,
      skippedCount: this.steps.filter((step) => step.status === 'skipped').length,
      isolatesCreated: sandboxStats.isolatesCreated,
      scriptsCompiled: sandboxStats.scriptsCompiled,
    };
  }

  private notify(step: StepTrace): void {
    try {
      this.options.onStep?.(step);
    } catch (error) {
      this.options.logger?.warn?.({ err: error, blockId: step.blockId }, 'onStep callback failed');
    }
  }
}

function buildStep(
  index: number,
  open: OpenStep,
  runStartedAt: number,
  outcome: StepOutcome,
  finishedAt: number,
): StepTrace {
  const { blockId, blockType, iteration } = open;
  const status = outcome.status;
  const startOffsetMs = open.startedAt - runStartedAt;
  const durationMs = finishedAt - open.startedAt;
  // One object per step, built in the order the fields are listed in StepTrace.
  const step: StepTrace =
    iteration === undefined
      ? { index, blockId, blockType, status, startOffsetMs, durationMs }
      : { index, blockId, blockType, iteration, status, startOffsetMs, durationMs };

  if (open.dbTimeMs > 0) step.dbTimeMs = open.dbTimeMs;
  if (open.jsTimeMs > 0) step.jsTimeMs = open.jsTimeMs;
  if (open.httpTimeMs > 0) step.httpTimeMs = open.httpTimeMs;

  addTraceFields(step, outcome);
  return step;
}

function addTraceFields(step: StepTrace, outcome: StepOutcome): void {
  if (outcome.skipReason !== undefined) step.skipReason = outcome.skipReason;
  if (outcome.skipDetail !== undefined) step.skipDetail = truncateForTrace(outcome.skipDetail);
  if (outcome.cacheHit !== undefined) step.cacheHit = outcome.cacheHit;
  if (outcome.cacheKey !== undefined) step.cacheKey = outcome.cacheKey;
  if (outcome.inputs !== undefined) step.inputs = truncateForTrace(outcome.inputs);
  if (outcome.output !== undefined) step.output = truncateForTrace(outcome.output);
  if (outcome.logs !== undefined && outcome.logs.length > 0) step.logs = outcome.logs;
  if (outcome.error !== undefined) step.error = outcome.error;
  if (outcome.sideEffects !== undefined)
    step.sideEffects = truncateSideEffects(outcome.sideEffects);
}

function truncateSideEffects(sideEffects: StepSideEffects): StepSideEffects {
  const truncated: StepSideEffects = { ...sideEffects };

  if (sideEffects.writes) truncated.writes = sideEffects.writes.map(truncateForTrace);
  if (sideEffects.requests) truncated.requests = sideEffects.requests.map(truncateForTrace);
  return truncated;
}

/**
 * Returns the value itself when its JSON fits in `MAX_TRACE_VALUE_BYTES`, else a `TruncatedValue` with
 * the size in bytes and the start of the JSON text.
 */
export function truncateForTrace(value: unknown): unknown {
  if (fitsWithoutCounting(value)) return value;

  const json = JSON.stringify(value);
  if (json === undefined) return value;

  const size = Buffer.byteLength(json, 'utf8');
  if (size <= MAX_TRACE_VALUE_BYTES) return value;

  const truncated: TruncatedValue = {
    truncated: true,
    size,
    preview: json.slice(0, TRUNCATED_PREVIEW_CHARS),
  };
  return truncated;
}

/**
 * True for a value whose JSON surely fits: a number, a boolean, null, or a string short enough,
 * because a string's JSON takes at most 6 bytes per UTF-16 code unit (`\u001f`) plus its quotes.
 */
function fitsWithoutCounting(value: unknown): boolean {
  if (typeof value === 'string') return value.length * 6 + 2 <= MAX_TRACE_VALUE_BYTES;
  return (
    typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined
  );
}
