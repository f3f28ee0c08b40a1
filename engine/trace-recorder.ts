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
  const step: StepTrace = {
    index,
    blockId: open.blockId,
    blockType: open.blockType,
    ...(open.iteration === undefined ? {} : { iteration: open.iteration }),
    status: outcome.status,
    startOffsetMs: open.startedAt - runStartedAt,
    durationMs: finishedAt - open.startedAt,
  };

  if (open.dbTimeMs > 0) step.dbTimeMs = open.dbTimeMs;
  if (open.jsTimeMs > 0) step.jsTimeMs = open.jsTimeMs;
  if (open.httpTimeMs > 0) step.httpTimeMs = open.httpTimeMs;

  return { ...step, ...traceFields(outcome) };
}

function traceFields(outcome: StepOutcome): Partial<StepTrace> {
  const fields: Partial<StepTrace> = {};

  if (outcome.skipReason !== undefined) fields.skipReason = outcome.skipReason;
  if (outcome.skipDetail !== undefined) fields.skipDetail = truncateForTrace(outcome.skipDetail);
  if (outcome.cacheHit !== undefined) fields.cacheHit = outcome.cacheHit;
  if (outcome.cacheKey !== undefined) fields.cacheKey = outcome.cacheKey;
  if (outcome.inputs !== undefined) fields.inputs = truncateForTrace(outcome.inputs);
  if (outcome.output !== undefined) fields.output = truncateForTrace(outcome.output);
  if (outcome.logs !== undefined && outcome.logs.length > 0) fields.logs = outcome.logs;
  if (outcome.error !== undefined) fields.error = outcome.error;
  if (outcome.sideEffects !== undefined)
    fields.sideEffects = truncateSideEffects(outcome.sideEffects);

  return fields;
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
