import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { validateGraph } from '../../engine';
import type { RunResult, StepTrace } from '../../engine/types';
import { openEngineDatabase, type EngineDatabase } from '../../test/fixtures/engine-database';
import { runOn } from '../../test/fixtures/engine-run';
import { buildDemoDataset } from './dataset';
import { DEMO_WORKFLOWS } from './workflows';

let database: EngineDatabase;
const results = new Map<string, RunResult>();

beforeAll(async () => {
  database = await openEngineDatabase('demo-workflows');
  for (const table of buildDemoDataset()) {
    await database.createTable(table.name, table.columns, table.rows);
  }

  for (const workflow of DEMO_WORKFLOWS) {
    const result = await runOn({
      database,
      graph: workflow.graph,
      input: { customerId: 'C001' },
      mode: 'preview',
    });
    results.set(workflow.name, result);
  }
}, 120_000);

afterAll(async () => {
  await database?.close();
});

function allSteps(): StepTrace[] {
  return [...results.values()].flatMap((result) => result.executionTrace.steps);
}

describe('demo workflows', () => {
  it.each(DEMO_WORKFLOWS.map((workflow) => [workflow.name, workflow]))(
    '%s is valid',
    (_name, workflow) => {
      expect(validateGraph(workflow.graph)).toEqual([]);
    },
  );

  it.each(DEMO_WORKFLOWS.map((workflow) => [workflow.name]))(
    '%s runs in preview without errors',
    (name) => {
      const result = results.get(name)!;

      expect(result.executionTrace.error).toBeUndefined();
      expect(result.status).toBe('success');
    },
  );

  it('show a cache hit', () => {
    expect(allSteps().some((step) => step.cacheHit === true)).toBe(true);
  });

  it('show an idempotency skip inside a loop', () => {
    const guarded = allSteps().filter(
      (step) => step.skipReason === 'already executed (idempotency guard)',
    );

    expect(guarded.length).toBeGreaterThan(0);
    expect(guarded.every((step) => step.iteration !== undefined)).toBe(true);
  });

  it('show a branch not taken', () => {
    expect(allSteps().some((step) => step.skipReason === 'branch not taken')).toBe(true);
  });

  it('show a staged write and a recorded HTTP request to the loopback address', () => {
    const staged = allSteps().filter((step) => step.sideEffects?.staged === true);
    const requests = staged.flatMap(
      (step) => (step.sideEffects?.requests ?? []) as Array<{ url: string }>,
    );

    expect(staged.some((step) => step.blockType === 'write')).toBe(true);
    expect(requests.map((request) => request.url)).toEqual(['http://127.0.0.1:9/restock']);
  });

  it('show executed js blocks', () => {
    expect(allSteps().some((step) => step.blockType === 'js' && step.status === 'executed')).toBe(
      true,
    );
  });

  it('place every block at a position', () => {
    const nodes = DEMO_WORKFLOWS.flatMap((workflow) => workflow.graph.nodes);

    expect(nodes.every((node) => node.position !== undefined)).toBe(true);
  });
});
