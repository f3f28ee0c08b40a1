/**
 * A js block that allocates without end loses its own run and nothing else. Steady growth hits
 * the sandbox's memory limit. The patterns that make V8 crash, abort or stall the process hosting
 * the isolate end their worker process instead of the server, and the next run gets a fresh one.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '../../engine/types';
import type { DatabaseHandle } from '../../lib/db/client';
import { createTestTenant, openTestDatabase } from '../database';
import { block, chain, edge } from '../fixtures/engine-run';
import { replayToEnd, runToEnd, saveWorkflow, stepOf, type SavedWorkflow } from './support';

/** Time limit of the crashing runs: the stalling patterns end on it. */
const LIMIT_MS = 15_000;
const MEMORY_LIMIT_MB = 64;

/**
 * The outcomes a crashing pattern may have, depending on where V8 gives up: the worker dies on a
 * signal, the isolate's limit catches it, the isolate stalls in garbage collection until the
 * run's time limit, or a native call holds the worker's thread until the server stops it.
 */
const LOST_RUN = new RegExp(
  [
    `^The run's worker process exited \\(signal SIG(?:ABRT|SEGV|TRAP|ILL|BUS|KILL)\\) while running block "grow"; the block likely exceeded the sandbox memory limit of ${MEMORY_LIMIT_MB} MB, so work on less data at a time$`,
    `^Block "grow": code exceeded the sandbox memory limit of ${MEMORY_LIMIT_MB} MB; work on less data at a time$`,
    `^Run exceeded maxExecutionTimeMs \\(${LIMIT_MS}\\)$`,
    `^Run exceeded maxExecutionTimeMs \\(${LIMIT_MS}\\): block "grow" did not stop, so its worker process was stopped$`,
  ].join('|'),
);

const CRASHING_PATTERNS = [
  {
    name: 'a Map with millions of keys',
    code: 'const m = new Map(); for (let i = 0; ; i++) m.set(i, i);',
  },
  {
    name: 'a Set with millions of keys',
    code: 'const s = new Set(); for (let i = 0; ; i++) s.add("k" + i);',
  },
  {
    name: 'an object with millions of keys',
    code: 'const o = {}; for (let i = 0; ; i++) o["k" + i] = i;',
  },
  { name: 'a filled 2^28 array', code: 'return new Array(2 ** 28).fill(0).length;' },
  { name: 'a 5e7-element JSON text', code: 'return JSON.stringify(Array(5e7).fill(1)).length;' },
];

/** `prepare` assigns a variable first; the branch keeps `grow` a block of its own. */
function growGraph(code: string): WorkflowGraph {
  return {
    nodes: [
      block('prepare', 'js', { code: 'return { ready: true };', outputKey: 'prepared' }),
      block('check', 'branch', { condition: 'vars.prepared.ready' }),
      block('grow', 'js', { code, outputKey: 'grown' }),
      block('out', 'output', { value: 'vars.grown' }),
    ],
    edges: [...chain('prepare', 'check'), edge('check', 'grow', 'true'), edge('grow', 'out')],
  };
}

const healthyGraph: WorkflowGraph = {
  nodes: [
    block('sum', 'js', {
      code: 'return input.values.reduce((a, b) => a + b, 0);',
      outputKey: 'sum',
    }),
    block('out', 'output', { value: 'vars.sum' }),
  ],
  edges: chain('sum', 'out'),
};

let handle: DatabaseHandle;
let tenantId: string;
let healthy: SavedWorkflow;

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'memory');
  healthy = await saveWorkflow(handle, tenantId, healthyGraph);
});

afterAll(async () => {
  await handle?.close();
});

async function expectHealthyRun(): Promise<void> {
  const next = await runToEnd(handle, tenantId, healthy, { input: { values: [1, 2, 3] } });

  expect(next.status).toBe('success');
  expect(next.output).toBe(6);
}

describe('unbounded allocation', () => {
  it('steady growth fails with the memory limit error', async () => {
    const workflow = await saveWorkflow(
      handle,
      tenantId,
      growGraph('const a = []; for (;;) a.push("x" + a.length);'),
    );

    const run = await runToEnd(handle, tenantId, workflow, {
      limits: { maxExecutionTimeMs: LIMIT_MS },
    });

    expect(run.status).toBe('error');
    expect(run.errorMessage).toBe(
      `Block "grow": code exceeded the sandbox memory limit of ${MEMORY_LIMIT_MB} MB; work on less data at a time`,
    );
    expect(stepOf(run, 'prepare').status).toBe('executed');
    await expectHealthyRun();
  });

  it.each(CRASHING_PATTERNS)('$name loses only its run', async ({ code }) => {
    const workflow = await saveWorkflow(handle, tenantId, growGraph(code));

    const run = await runToEnd(handle, tenantId, workflow, {
      limits: { maxExecutionTimeMs: LIMIT_MS },
    });

    expect(run.status).toBe('error');
    expect(run.errorMessage).toMatch(LOST_RUN);
    expect(run.trace?.error?.blockId).toBe('grow');
    expect(run.trace?.error?.message).toBe(run.errorMessage);
    expect(stepOf(run, 'prepare').status).toBe('executed');
    expect(stepOf(run, 'grow').status).toBe('error');
    expect(stepOf(run, 'grow').error).toBe(run.errorMessage);
    expect(run.assignments).toEqual([{ stepIndex: 0, key: 'prepared', value: { ready: true } }]);
    await expectHealthyRun();
  });

  it('a lost run replays from a step before the lost block', async () => {
    const workflow = await saveWorkflow(
      handle,
      tenantId,
      growGraph('return new Array(2 ** 28).fill(0).length;'),
    );
    const lost = await runToEnd(handle, tenantId, workflow, {
      limits: { maxExecutionTimeMs: LIMIT_MS },
    });

    const replay = await replayToEnd(handle, tenantId, lost, 0);

    expect(replay.status).toBe('error');
    expect(stepOf(replay, 'prepare').skipReason).toBe('snapshot satisfied (cached output)');
    expect(stepOf(replay, 'prepare').output).toEqual({ ready: true });
    expect(stepOf(replay, 'grow').status).toBe('error');
  });
});
