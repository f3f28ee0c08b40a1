/**
 * `runGraph`: validates a workflow version's graph, runs it in the requested mode and returns
 * the result with its execution trace. Problems of the graph, the input or a block do not throw.
 * They end the run with `status: 'error'` and a trace that keeps every step so far.
 */

import { randomUUID } from 'node:crypto';

import { describeError, isBlockError, isRunLimitError } from './errors';
import { compileLimits, RunBudget } from './limits';
import { checkQueryColumns, checkRunRequest } from './preflight';
import type { RunGraphRequest } from './run-request';
import { createRunState, sandboxLoggerOf, traceHeader } from './run-setup';
import type { RunState } from './run-state';
import { createRunSandbox } from './sandbox';
import type { RunSandbox } from './sandbox/types';
import { runTopLevel } from './scheduler';
import { TraceRecorder, type TraceHeader } from './trace-recorder';
import type { RunResult, TraceError, ValidationProblem } from './types';
import { validateGraph } from './validate';

/** Memory limit of a run's sandbox isolate when the request sets none, in megabytes. */
export const DEFAULT_MEMORY_LIMIT_MB = 64;

const NO_SANDBOX_STATS = { isolatesCreated: 0, scriptsCompiled: 0, codeCacheHits: 0 };

export async function runGraph(request: RunGraphRequest): Promise<RunResult> {
  const startedAt = performance.now();
  const options = request.options ?? {};
  const header = traceHeader(request, options.runId ?? randomUUID());
  const recorder = new TraceRecorder(startedAt, {
    keepValues: options.debug !== false,
    onStep: request.context.onStep,
    logger: request.context.logger,
  });
  request.context.logger?.info(
    { runId: header.runId, workflowId: header.workflowId, mode: header.mode },
    'run started',
  );

  const problems = [...checkRunRequest(request), ...validateGraph(request.workflowVersion?.graph)];
  const limits = compileLimitsOrProblem(options.limits, problems);
  if (problems.length > 0 || !limits)
    return finishWithProblems(request, recorder, header, problems);

  const budget = new RunBudget(limits, startedAt);
  const sandbox = createRunSandbox({
    memoryLimitMb: options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB,
    ...sandboxLoggerOf(request.context.logger),
  });
  const run = createRunState(request, header, recorder, budget, sandbox);
  try {
    return await execute(run, request, header);
  } finally {
    sandbox.dispose();
    budget.dispose();
  }
}

async function execute(
  run: RunState,
  request: RunGraphRequest,
  header: TraceHeader,
): Promise<RunResult> {
  const columnProblems = await checkQueryColumns(
    request.workflowVersion.graph.nodes,
    run.tables,
    run.logger,
  );
  if (columnProblems.length > 0)
    return finishWithProblems(request, run.recorder, header, columnProblems, run.sandbox);

  try {
    await run.sandbox.initialize(run.inputValue, run.vars);
  } catch (error) {
    const problem = {
      code: 'config_invalid',
      message: `The run input cannot be passed to the sandbox: ${describeError(error)}`,
    };
    return finishWithProblems(request, run.recorder, header, [problem], run.sandbox);
  }

  try {
    await runTopLevel(run);
    return finish(run, header);
  } catch (error) {
    return finish(run, header, describeFailure(run, error));
  }
}

function compileLimitsOrProblem(
  limits: Parameters<typeof compileLimits>[0],
  problems: ValidationProblem[],
) {
  try {
    return compileLimits(limits);
  } catch (error) {
    problems.push({ code: 'config_invalid', message: describeError(error) });
    return undefined;
  }
}

function describeFailure(run: RunState, error: unknown): TraceError {
  if (isRunLimitError(error)) {
    return { kind: 'limit', message: error.message, ...blockIdOf(run.failedBlockId) };
  }
  if (isBlockError(error)) return { kind: 'block', message: error.message, blockId: error.blockId };

  run.logger?.error?.(
    { err: error, runId: run.runId, blockId: run.failedBlockId },
    'block failed unexpectedly',
  );
  return { kind: 'block', message: describeError(error), ...blockIdOf(run.failedBlockId) };
}

function blockIdOf(blockId: string | undefined): { blockId?: string } {
  return blockId === undefined ? {} : { blockId };
}

function finish(run: RunState, header: TraceHeader, error?: TraceError): RunResult {
  const trace = run.recorder.buildTrace(header, run.sandbox.stats, error);
  logFinish(run.logger, trace);

  return {
    status: trace.status,
    output: error ? null : run.output,
    executionTrace: trace,
    assignments: run.assignments,
  };
}

function finishWithProblems(
  request: RunGraphRequest,
  recorder: TraceRecorder,
  header: TraceHeader,
  problems: ValidationProblem[],
  sandbox?: RunSandbox,
): RunResult {
  const first = problems[0]!.message;
  const message =
    problems.length === 1 ? first : `${problems.length} problems; the first: ${first}`;
  const error: TraceError = { kind: 'validation', message, problems };
  const trace = recorder.buildTrace(header, sandbox?.stats ?? NO_SANDBOX_STATS, error);
  logFinish(request.context.logger, trace);

  return { status: 'error', output: null, executionTrace: trace, assignments: [] };
}

function logFinish(
  logger: RunGraphRequest['context']['logger'],
  trace: RunResult['executionTrace'],
): void {
  const meta = {
    runId: trace.runId,
    status: trace.status,
    errorKind: trace.error?.kind,
    blockId: trace.error?.blockId,
    totalDurationMs: trace.metrics.totalDurationMs,
    stepCount: trace.metrics.stepCount,
  };
  logger?.info(meta, trace.status === 'success' ? 'run finished' : 'run failed');
}
