import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openEngineDatabase, type EngineDatabase } from '../test/fixtures/engine-database';
import { block, chain, edge, runOn, stepOf, stepsOf } from '../test/fixtures/engine-run';
import type { GraphNode, StepTrace, WorkflowGraph } from './types';

let database: EngineDatabase;

beforeAll(async () => {
  database = await openEngineDatabase('js-chain');
});

afterAll(async () => {
  await database?.close();
});

function js(id: string, code: string, extra: Partial<GraphNode<'js'>> = {}): GraphNode<'js'> {
  return block(id, 'js', { code, outputKey: id }, extra);
}

/** a → b → c → d, each adding one to the one before, then an output block. */
const CHAIN_GRAPH: WorkflowGraph = {
  nodes: [
    js('a', 'return input.start + 1;'),
    js('b', "console.log('b ran');\nreturn vars.a + 1;"),
    js('c', 'return vars.b + 1;'),
    js('d', 'return { total: vars.c + 1 };'),
    block('out', 'output', { value: 'vars.d.total' }),
  ],
  edges: chain('a', 'b', 'c', 'd', 'out'),
};

describe('js chains', () => {
  it('record one step per block', async () => {
    const started: string[] = [];
    const recorded: StepTrace[] = [];

    const result = await runOn({
      database,
      graph: CHAIN_GRAPH,
      input: { start: 0 },
      context: {
        onStepStart: (blockId) => started.push(blockId),
        onStep: (step) => recorded.push(step),
      },
    });

    expect(result.output).toBe(4);
    const steps = result.executionTrace.steps;
    expect(steps.map((step) => [step.blockId, step.status])).toEqual([
      ['a', 'executed'],
      ['b', 'executed'],
      ['c', 'executed'],
      ['d', 'executed'],
      ['out', 'executed'],
    ]);
    expect(steps.map((step) => step.output)).toEqual([1, 2, 3, { total: 4 }, 4]);
    expect(stepOf(result, 'b').logs).toEqual(['b ran']);
    expect(result.assignments.map(({ stepIndex, key }) => [stepIndex, key])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
      [3, 'd'],
    ]);
    expect(started).toEqual(['a', 'b', 'c', 'd', 'out']);
    expect(recorded).toEqual(steps);
  });

  it('time steps back to back', async () => {
    const result = await runOn({ database, graph: CHAIN_GRAPH, input: { start: 0 } });

    const steps = result.executionTrace.steps.slice(0, 4);
    for (const [index, step] of steps.entries()) {
      expect(step.durationMs).toBeGreaterThan(0);
      expect(step.jsTimeMs).toBeGreaterThan(0);
      expect(step.jsTimeMs).toBeLessThanOrEqual(step.durationMs);
      if (index === 0) continue;
      expect(step.jsTimeMs).toBe(step.durationMs);
      const previous = steps[index - 1]!;
      expect(step.startOffsetMs).toBeCloseTo(previous.startOffsetMs + previous.durationMs, 9);
    }
    expect(stepOf(result, 'out').startOffsetMs).toBeGreaterThanOrEqual(
      steps[3]!.startOffsetMs + steps[3]!.durationMs,
    );
  });

  it('end the run at a throwing block', async () => {
    const graph: WorkflowGraph = {
      nodes: [
        js('a', 'return 1;'),
        js('b', "const limit = 0;\nif (vars.a > limit) throw new Error('too big');\nreturn 2;"),
        js('c', 'return 3;'),
      ],
      edges: chain('a', 'b', 'c'),
    };

    const result = await runOn({ database, graph });

    expect(result.executionTrace.error).toEqual({
      kind: 'block',
      message: 'Block "b": code threw Error: too big (line 2, column 27)',
      blockId: 'b',
    });
    expect(result.executionTrace.steps.map((step) => [step.blockId, step.status])).toEqual([
      ['a', 'executed'],
      ['b', 'error'],
    ]);
  });

  it('run a conditional block alone', async () => {
    const graph: WorkflowGraph = {
      nodes: [
        js('a', 'return 1;'),
        js('b', 'return 2;'),
        block('skip', 'js', { code: 'return 0;', outputKey: 'skip', condition: 'vars.a > 5' }),
        js('c', 'return vars.b + 1;'),
        js('d', 'return vars.c + (vars.skip === undefined ? 10 : 0);'),
      ],
      edges: chain('a', 'b', 'skip', 'c', 'd'),
    };

    const result = await runOn({ database, graph });

    expect(stepOf(result, 'skip')).toMatchObject({
      status: 'skipped',
      skipReason: 'condition false',
    });
    expect(stepOf(result, 'd')).toMatchObject({ status: 'executed', output: 13 });
  });

  it('skip blocks behind an untaken branch', async () => {
    const graph: WorkflowGraph = {
      nodes: [
        js('start', 'return 3;'),
        block('check', 'branch', { condition: 'vars.start > 1' }),
        js('yes1', 'return vars.start * 2;'),
        js('yes2', 'return vars.yes1 + 1;'),
        js('no1', 'return 0;'),
        js('no2', 'return vars.no1 - 1;'),
        js('after', 'return [vars.yes2, vars.no2 === undefined];'),
      ],
      edges: [
        edge('start', 'check'),
        edge('check', 'yes1', 'true'),
        edge('yes1', 'yes2'),
        edge('check', 'no1', 'false'),
        edge('no1', 'no2'),
        edge('yes2', 'after'),
        edge('no2', 'after'),
      ],
    };

    const result = await runOn({ database, graph });

    expect(stepOf(result, 'yes2')).toMatchObject({ status: 'executed', output: 7 });
    for (const blockId of ['no1', 'no2']) {
      expect(stepOf(result, blockId)).toMatchObject({
        status: 'skipped',
        skipReason: 'branch not taken',
      });
    }
    expect(stepOf(result, 'after')).toMatchObject({ status: 'executed', output: [7, true] });
  });

  it('run in every loop iteration', async () => {
    const graph: WorkflowGraph = {
      nodes: [
        block('each', 'loop', { items: '[1, 2, 3]', as: 'row' }),
        js('double', 'return row * 2;', { parentId: 'each' }),
        js('shifted', 'return vars.double + index;', { parentId: 'each' }),
        block('out', 'output', { value: 'vars.shifted' }),
      ],
      edges: [edge('double', 'shifted'), edge('each', 'out')],
    };

    const result = await runOn({ database, graph });

    expect(
      stepsOf(result, 'shifted').map((step) => [step.iteration, step.status, step.output]),
    ).toEqual([
      [0, 'executed', 2],
      [1, 'executed', 5],
      [2, 'executed', 8],
    ]);
    expect(result.output).toBe(8);
  });

  it('stop at maxSteps inside a chain', async () => {
    const graph: WorkflowGraph = {
      nodes: ['a', 'b', 'c', 'd', 'e'].map((id) => js(id, 'return 1;')),
      edges: chain('a', 'b', 'c', 'd', 'e'),
    };

    const result = await runOn({ database, graph, options: { limits: { maxSteps: 3 } } });

    expect(result.executionTrace.error).toEqual({
      kind: 'limit',
      message: 'Run exceeded maxSteps (3)',
      blockId: 'd',
    });
    expect(result.executionTrace.steps.map((step) => step.blockId)).toEqual(['a', 'b', 'c']);
  });

  it('skip snapshot-satisfied blocks', async () => {
    const snapshot = { sourceRunId: '22222222-2222-4222-8222-222222222222', checkpointStep: 1 };

    const replay = await runOn({
      database,
      graph: CHAIN_GRAPH,
      mode: 'snapshot',
      input: { input: { start: 0 }, vars: { a: 1, b: 100 } },
      options: { snapshot },
    });

    expect(replay.executionTrace.steps.map((step) => [step.blockId, step.status])).toEqual([
      ['a', 'skipped'],
      ['b', 'skipped'],
      ['c', 'executed'],
      ['d', 'executed'],
      ['out', 'executed'],
    ]);
    expect(replay.output).toBe(102);
  });
});
