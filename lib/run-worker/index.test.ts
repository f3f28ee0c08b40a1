/**
 * Where the server runs the engine: `FLOWSCOPE_RUN_WORKERS` of 0 keeps runs in the server's own
 * process, any other value sends them to the worker pool. Each case loads the modules anew, so
 * the configuration is read from the environment it sets.
 */

import { afterEach, describe, expect, it, vi } from 'vitest';

import type { WorkflowGraph } from '../../engine/types';
import { block, chain } from '../../test/fixtures/engine-run';

const GRAPH: WorkflowGraph = {
  nodes: [
    block('add', 'js', { code: 'return input.n + 1;', outputKey: 'sum' }),
    block('out', 'output', { value: 'vars.sum' }),
  ],
  edges: chain('add', 'out'),
};

const globalForWorkers = globalThis as { flowscopeRunWorkers?: { close(): Promise<void> } };

async function runWithWorkers(workers: string) {
  vi.resetModules();
  vi.stubEnv('FLOWSCOPE_RUN_WORKERS', workers);
  const { runGraphOnServer } = await import('./index');
  const steps: string[] = [];

  const result = await runGraphOnServer({
    workflowVersion: { id: 'version', workflowId: 'workflow', graph: GRAPH },
    inputJson: { n: 1 },
    tenantId: 'tenant',
    executionMode: 'preview',
    context: {
      data: {} as never,
      onStep: (step) => steps.push(step.blockId),
    },
  });
  return { result, steps, pool: globalForWorkers.flowscopeRunWorkers };
}

afterEach(async () => {
  vi.unstubAllEnvs();
  await globalForWorkers.flowscopeRunWorkers?.close();
  delete globalForWorkers.flowscopeRunWorkers;
});

describe('server run placement', () => {
  it('runs in this process with workers off', async () => {
    const { result, steps, pool } = await runWithWorkers('0');

    expect(result.output).toBe(2);
    expect(steps).toEqual(['add', 'out']);
    expect(pool).toBeUndefined();
  });

  it('runs in a worker process with workers on', async () => {
    const { result, steps, pool } = await runWithWorkers('1');

    expect(result.output).toBe(2);
    expect(steps).toEqual(['add', 'out']);
    expect(pool).toBeDefined();
  });
});
