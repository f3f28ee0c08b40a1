/**
 * Building a run before it starts: the trace header, the run state with its per-run cache,
 * guard, overlay and catalog, and the sandbox's logger.
 */

import { indexGraph } from './graph';
import { HttpAllowList } from './http/allow-list';
import { IdempotencyGuard } from './idempotency';
import type { RunBudget } from './limits';
import { WriteOverlay } from './overlay';
import { QueryCache } from './query-cache';
import type { EngineLogger, RunGraphRequest } from './run-request';
import type { RunState, SnapshotState } from './run-state';
import type { RunSandbox, SandboxLogger } from './sandbox/types';
import { TableCatalog } from './table-catalog';
import type { TraceHeader, TraceRecorder } from './trace-recorder';
import type { SnapshotInput, WorkflowGraph } from './types';

/** Adapts the engine's logger to the sandbox's, whose three levels are all required. */
export function sandboxLoggerOf(logger: EngineLogger | undefined): { logger?: SandboxLogger } {
  if (!logger) return {};

  const warn = logger.warn?.bind(logger) ?? logger.info.bind(logger);
  return {
    logger: {
      debug: (meta, message) => logger.debug?.(meta, message),
      warn,
      error: logger.error?.bind(logger) ?? warn,
    },
  };
}

export function traceHeader(request: RunGraphRequest, runId: string): TraceHeader {
  const snapshot = request.executionMode === 'snapshot' ? request.options?.snapshot : undefined;
  return {
    runId,
    workflowId: request.workflowVersion?.workflowId ?? '',
    versionId: request.workflowVersion?.id ?? '',
    mode: request.executionMode,
    ...(snapshot
      ? { snapshot: { sourceRunId: snapshot.sourceRunId, checkpointStep: snapshot.checkpointStep } }
      : {}),
  };
}

export function createRunState(
  request: RunGraphRequest,
  header: TraceHeader,
  recorder: TraceRecorder,
  budget: RunBudget,
  sandbox: RunSandbox,
): RunState {
  const { context, options = {}, tenantId, executionMode: mode } = request;
  const isSnapshot = mode === 'snapshot';
  const snapshotInput = isSnapshot ? (request.inputJson as SnapshotInput) : undefined;
  const guard = new IdempotencyGuard();
  const snapshot = snapshotState(request, snapshotInput);
  if (snapshot) guard.seed(options.snapshot?.executedSideEffects ?? [], snapshot.sourceRunId);

  return {
    runId: header.runId,
    tenantId,
    mode,
    stagesSideEffects: mode === 'preview' || (isSnapshot && options.snapshot?.commit !== true),
    graph: indexGraph(request.workflowVersion.graph as WorkflowGraph),
    data: context.data,
    sandbox,
    budget,
    recorder,
    cache: new QueryCache(),
    guard,
    overlay: new WriteOverlay(),
    tables: new TableCatalog(context.data, tenantId, budget.signal),
    httpAllowList: new HttpAllowList(context.httpAllowList ?? []),
    ...(snapshot ? { snapshot } : {}),
    ...(context.logger ? { logger: context.logger } : {}),
    callbacks: { onStepStart: context.onStepStart, onAssignment: context.onAssignment },
    inputValue: snapshotInput ? snapshotInput.input : request.inputJson,
    vars: { ...(snapshotInput?.vars ?? {}) },
    assignments: Object.entries(snapshotInput?.vars ?? {}).map(([key, value]) => ({
      stepIndex: -1,
      key,
      value,
    })),
    output: null,
  };
}

function snapshotState(
  request: RunGraphRequest,
  input: SnapshotInput | undefined,
): SnapshotState | undefined {
  const snapshot = request.options?.snapshot;
  if (!input || !snapshot) return undefined;

  return {
    sourceRunId: snapshot.sourceRunId,
    checkpointStep: snapshot.checkpointStep,
    satisfiedKeys: new Set(Object.keys(input.vars)),
  };
}
