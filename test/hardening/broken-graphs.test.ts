/**
 * Broken graphs are reported as validation errors naming the block, by `validateGraph`, by the
 * save command (as the save action calls it) and by the run command, and none of them makes a
 * command throw.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startRunCommand } from '../../app/workflows/[id]/runs/run-commands';
import { saveSchema, saveVersionCommand } from '../../app/workflows/[id]/version-commands';
import { validateGraph } from '../../engine';
import type { GraphNode } from '../../engine/types';
import { describeIssues } from '../../lib/action-result';
import type { DatabaseHandle } from '../../lib/db/client';
import { getRun } from '../../lib/repositories/runs';
import { createWorkflow } from '../../lib/repositories/workflows';
import { createTestTenant, openTestDatabase } from '../database';
import { block, edge } from '../fixtures/engine-run';

const js = (id: string, outputKey = id): GraphNode =>
  block(id, 'js', { code: 'return 1;', outputKey });

const CYCLE_MESSAGE =
  'Blocks "a" → "b" → "a" form a cycle in the top level; blocks can only run in an acyclic order, so remove one of these edges (use a loop block to repeat blocks)';

/** Graphs the editor may save as unfinished work; each one cannot run. */
const DRAFT_CASES = [
  {
    name: 'a cycle',
    graph: { nodes: [js('a'), js('b')], edges: [edge('a', 'b'), edge('b', 'a')] },
    message: CYCLE_MESSAGE,
    blockId: 'a',
  },
  {
    name: 'an edge to a missing block',
    graph: { nodes: [js('a')], edges: [edge('a', 'ghost')] },
    message: 'Edge "a->ghost" from block "a": target block "ghost" does not exist',
    blockId: 'a',
  },
  {
    name: 'a self edge',
    graph: { nodes: [js('a')], edges: [edge('a', 'a')] },
    message: 'Edge "a->a": block "a" is connected to itself; remove the edge',
    blockId: 'a',
  },
  {
    name: 'a branch edge without a label',
    graph: {
      nodes: [block('decide', 'branch', { condition: 'true' }), js('a')],
      edges: [edge('decide', 'a')],
    },
    message:
      'Edge "decide->a" from branch block "decide" needs the label "true" or "false", got none',
    blockId: 'decide',
  },
  {
    name: 'two blocks writing one output key',
    graph: { nodes: [js('a', 'total'), js('b', 'total')], edges: [] },
    message:
      'JS block "b": outputKey "total" is already written by block "a"; give each block its own outputKey',
    blockId: 'b',
  },
  {
    name: 'an expression that does not parse',
    graph: { nodes: [block('out', 'output', { value: 'vars.(' })], edges: [] },
    message: 'Output block "out": value does not parse: Unexpected token \'(\' (line 1, column 6)',
    blockId: 'out',
  },
];

/** Graphs the save command rejects, because the canvas cannot show them. */
const UNSAVABLE_CASES = [
  {
    name: 'duplicate block ids',
    graph: { nodes: [js('a'), js('a', 'other')], edges: [] },
    message: 'Block "a": the id is used by nodes 0 and 1; give each block a unique id',
    saveError: 'graph: Block "a": the id is used by nodes 0 and 1; give each block a unique id',
    blockId: 'a',
  },
  {
    name: 'an unknown block type',
    graph: { nodes: [{ id: 'beam', type: 'teleport', config: {} }], edges: [] },
    message:
      'Block "beam": unknown block type "teleport"; use one of input, query, write, js, http, branch, loop, output',
    saveError:
      'graph: Block "beam": unknown block type "teleport"; use one of input, query, write, js, http, branch, loop, output',
    blockId: 'beam',
  },
  {
    name: 'a graph that is not an object',
    graph: 'nodes: a, b',
    message: 'The workflow graph must be an object with "nodes" and "edges" arrays, got string',
    saveError: 'graph: Invalid input: expected object, received string',
    blockId: undefined,
  },
  {
    name: 'an oversized graph',
    graph: { nodes: Array.from({ length: 5001 }, (_, index) => js(`n${index}`)), edges: [] },
    message:
      'The workflow graph has 5001 blocks, more than the maximum of 5000; split it into smaller workflows',
    saveError: 'graph.nodes: at most 500 blocks',
    blockId: undefined,
  },
];

let handle: DatabaseHandle;
let tenantId: string;
let workflowId: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'broken');
  const created = await createWorkflow(handle.db, tenantId, {
    name: 'drafts',
    graph: { nodes: [], edges: [] },
  });
  workflowId = created.workflow.id;
});

afterAll(async () => {
  await handle?.close();
});

/** Saves as `saveVersionAction` does: the schema first, then the command. */
async function save(graph: unknown) {
  const parsed = saveSchema.safeParse({ workflowId, graph });
  if (!parsed.success) {
    return {
      ok: false as const,
      error: `Saving the workflow failed: ${describeIssues(parsed.error)}.`,
    };
  }
  return saveVersionCommand(handle.db, tenantId, parsed.data);
}

/** Stores the graph as it is, then runs it through the run command to its stored record. */
async function run(graph: unknown) {
  const created = await createWorkflow(handle.db, tenantId, {
    name: 'broken',
    graph: graph as never,
  });
  const started = await startRunCommand(handle.db, tenantId, {
    workflowId: created.workflow.id,
    versionId: created.version.id,
    mode: 'preview',
    input: {},
  });
  if (!started.ok) throw new Error(started.error);

  for (;;) {
    const record = await getRun(handle.db, tenantId, started.runId);
    if (record && record.status !== 'running') return record;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('broken graphs', () => {
  it.each([...DRAFT_CASES, ...UNSAVABLE_CASES])(
    '$name is a validation problem',
    ({ graph, message, blockId }) => {
      const problems = validateGraph(graph);

      expect(problems.map((problem) => problem.message)).toEqual([message]);
      expect(problems[0]?.blockId).toBe(blockId);
    },
  );

  it.each(DRAFT_CASES)('$name is saved with its problem', async ({ graph, message, blockId }) => {
    const saved = await save(graph);

    expect(saved.ok).toBe(true);
    const problems = saved.ok ? saved.problems : [];
    expect(problems.map((problem) => problem.message)).toEqual([message]);
    expect(problems[0]?.blockId).toBe(blockId);
  });

  it.each(UNSAVABLE_CASES)('$name is not saved', async ({ graph, saveError }) => {
    const saved = await save(graph);

    expect(saved).toEqual({ ok: false, error: `Saving the workflow failed: ${saveError}.` });
  });

  it.each([...DRAFT_CASES, ...UNSAVABLE_CASES])(
    '$name fails its run with the problem',
    async ({ graph, message, blockId }) => {
      const record = await run(graph);

      expect(record.status).toBe('error');
      expect(record.errorMessage).toBe(message);
      expect(record.trace?.error?.kind).toBe('validation');
      expect(record.trace?.error?.problems?.[0]?.blockId).toBe(blockId);
      expect(record.trace?.steps).toEqual([]);
    },
  );

  it('loop over a value that is not a list fails naming the loop', async () => {
    const graph = { nodes: [block('each', 'loop', { items: '"not a list"' })], edges: [] };

    const record = await run(graph);

    expect(record.status).toBe('error');
    expect(record.errorMessage).toBe('Loop block "each": items must be an array, got string');
    expect(record.trace?.error).toEqual({
      kind: 'block',
      message: 'Loop block "each": items must be an array, got string',
      blockId: 'each',
    });
  });
});
