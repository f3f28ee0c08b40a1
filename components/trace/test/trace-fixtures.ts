import type { ExecutionTrace, StepTrace, WorkflowGraph } from '@/engine/types';

/** Builds a step with the fields every step has; tests override what they check. */
export function makeStep(
  partial: Partial<StepTrace> & Pick<StepTrace, 'index' | 'blockId'>,
): StepTrace {
  return {
    blockType: 'js',
    status: 'executed',
    startOffsetMs: partial.index,
    durationMs: 1,
    ...partial,
  };
}

/** Builds a finished trace around `steps`. */
export function makeTrace(
  steps: StepTrace[],
  overrides: Partial<ExecutionTrace> = {},
): ExecutionTrace {
  return {
    runId: 'run-1',
    workflowId: 'wf-1',
    versionId: 'v-1',
    mode: 'preview',
    status: 'success',
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:01.000Z',
    metrics: {
      totalDurationMs: 10,
      dbTimeMs: 0,
      jsTimeMs: 0,
      httpTimeMs: 0,
      queryCount: 0,
      cacheHits: 0,
      stepCount: steps.length,
      skippedCount: 0,
      isolatesCreated: 1,
      scriptsCompiled: 0,
    },
    steps,
    ...overrides,
  };
}

/**
 * input → check (branch) → true: notify (http), false: archive (write) → each (loop over
 * `vars.items` with body double (js)) → out.
 */
export const branchAndLoopGraph: WorkflowGraph = {
  nodes: [
    { id: 'input', type: 'input', config: {} },
    { id: 'check', type: 'branch', config: { condition: 'input.vip' } },
    {
      id: 'notify',
      type: 'http',
      config: { method: 'POST', url: "'http://127.0.0.1'", outputKey: 'sent' },
    },
    {
      id: 'archive',
      type: 'write',
      config: { table: 'log', operation: 'insert', outputKey: 'row' },
    },
    { id: 'each', type: 'loop', config: { items: 'vars.items' } },
    {
      id: 'double',
      type: 'js',
      parentId: 'each',
      config: { code: 'return item * 2', outputKey: 'd' },
    },
    { id: 'out', type: 'output', config: { value: 'vars.d' } },
  ],
  edges: [
    { id: 'e-input-check', source: 'input', target: 'check' },
    { id: 'e-check-notify', source: 'check', target: 'notify', label: 'true' },
    { id: 'e-check-archive', source: 'check', target: 'archive', label: 'false' },
    { id: 'e-notify-each', source: 'notify', target: 'each' },
    { id: 'e-archive-each', source: 'archive', target: 'each' },
    { id: 'e-each-out', source: 'each', target: 'out' },
  ],
};
