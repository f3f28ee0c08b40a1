/** Runs workflows through the engine's `runGraph` in-process, as the app does. */

import { randomUUID } from 'node:crypto';

import type { DataAccess } from '../../engine/data';
import type { EngineContext, RunGraphRequest } from '../../engine/run-request';
import type { ExecutionMode, RunResult, WorkflowGraph } from '../../engine/types';
import { isMissing, loadModule, type Loaded } from './engine-modules';

type RunGraph = (request: RunGraphRequest) => Promise<RunResult>;

/** The step callbacks of `EngineContext`, for figures that time single steps. */
export type StepHooks = Pick<EngineContext, 'onStepStart' | 'onStep'>;

export interface FlowscopeRunner {
  /** Runs the graph in preview with the trace on; throws when the run does not succeed. */
  preview(graph: WorkflowGraph, input: unknown, hooks?: StepHooks): Promise<RunResult>;
  run(
    graph: WorkflowGraph,
    input: unknown,
    mode: ExecutionMode,
    hooks?: StepHooks,
  ): Promise<RunResult>;
}

/** Limits high enough for every benchmark workflow, the 1000-iteration loop included. */
const BENCH_LIMITS = { maxExecutionTimeMs: 60_000, maxSteps: 100_000 };

/**
 * Data access for workflows without query or write blocks: any call is a bug in the figure, so
 * it throws.
 */
export const NO_DATA: DataAccess = new Proxy({} as DataAccess, {
  get: (_target, method) => () => {
    throw new Error(`This benchmark workflow has no data blocks, yet it called ${String(method)}`);
  },
});

export interface FlowscopeRunnerOptions {
  data?: DataAccess;
  tenantId?: string;
}

export async function loadFlowscope(
  options: FlowscopeRunnerOptions = {},
): Promise<Loaded<FlowscopeRunner>> {
  const engine = await loadModule<{ runGraph: RunGraph }>('engine/index.ts', 'runGraph');
  if (isMissing(engine)) return engine;

  const tenantId = options.tenantId ?? randomUUID();
  const data = options.data ?? NO_DATA;
  const version = (graph: WorkflowGraph) => ({
    id: 'bench-version',
    workflowId: 'bench-workflow',
    graph,
  });

  const run = async (
    graph: WorkflowGraph,
    input: unknown,
    mode: ExecutionMode,
    hooks?: StepHooks,
  ) => {
    const result = await engine.runGraph({
      workflowVersion: version(graph),
      inputJson: input,
      tenantId,
      executionMode: mode,
      options: { debug: true, limits: BENCH_LIMITS },
      context: { data, ...hooks },
    });
    if (result.status !== 'success') {
      throw new Error(
        `Benchmark run failed: ${result.executionTrace.error?.message ?? 'unknown error'}`,
      );
    }
    return result;
  };

  return { run, preview: (graph, input, hooks) => run(graph, input, 'preview', hooks) };
}
