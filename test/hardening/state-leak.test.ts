/**
 * State between blocks and between runs. The rule inside one run: the realm's globals and
 * built-ins are frozen before any block runs, and `input`, `vars` and a loop's `item` are frozen
 * copies, so the only way a block passes anything on is its `outputKey`. Nothing survives a run,
 * because its isolate is disposed with it. These tests hold for runs in the same worker process.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '../../engine/types';
import type { DatabaseHandle } from '../../lib/db/client';
import { createTestTenant, openTestDatabase } from '../database';
import { block, chain, edge } from '../fixtures/engine-run';
import { runToEnd, saveWorkflow, stepOf } from './support';

/** Each attempt changes shared state inside a try block and reports what was thrown. */
const MUTATION_CODE = `
const attempts = {
  prototype: () => { Object.prototype.polluted = true; },
  builtin: () => { Array.prototype.map = function () { return ['hijacked']; }; },
  globalVariable: () => { globalThis.leaked = 'from an earlier block'; },
  jsonParse: () => { JSON.parse = () => 'hijacked'; },
  mathRandom: () => { Math.random = () => 4; },
  vars: () => { vars.seed.items.push('added'); },
  input: () => { input.user = 'changed'; },
  item: () => { item.tag = 'changed'; },
};
const thrown = {};
for (const [name, attempt] of Object.entries(attempts)) {
  try {
    attempt();
    thrown[name] = null;
  } catch (error) {
    thrown[name] = error.name + ': ' + error.message;
  }
}
return thrown;
`;

const OBSERVE_CODE = `
return {
  polluted: ({}).polluted === undefined ? 'absent' : 'present',
  mapped: [1, 2].map((value) => value * 2),
  leaked: typeof leaked,
  parsed: JSON.parse('[1]'),
  random: Math.random() < 1,
  seedItems: vars.seed.items,
  user: input.user,
};
`;

const UNCHANGED = {
  polluted: 'absent',
  mapped: [2, 4],
  leaked: 'undefined',
  parsed: [1],
  random: true,
  seedItems: ['a', 'b'],
  user: 'ada',
};

const mutateGraph: WorkflowGraph = {
  nodes: [
    block('seed', 'js', { code: "return { items: ['a', 'b'] };", outputKey: 'seed' }),
    block('each', 'loop', { items: '[{ tag: "first" }]' }),
    block('mutate', 'js', { code: MUTATION_CODE, outputKey: 'thrown' }, { parentId: 'each' }),
    block('check', 'branch', { condition: 'true' }),
    block('observe', 'js', { code: OBSERVE_CODE, outputKey: 'seen' }),
  ],
  edges: [...chain('seed', 'each', 'check'), edge('check', 'observe', 'true')],
};

const observeGraph: WorkflowGraph = {
  nodes: [
    block('seed', 'js', { code: "return { items: ['a', 'b'] };", outputKey: 'seed' }),
    block('check', 'branch', { condition: 'true' }),
    block('observe', 'js', { code: OBSERVE_CODE, outputKey: 'seen' }),
  ],
  edges: [edge('seed', 'check'), edge('check', 'observe', 'true')],
};

let handle: DatabaseHandle;
let tenantId: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'state');
});

afterAll(async () => {
  await handle?.close();
});

describe('state between blocks and runs', () => {
  it('a block cannot change what later blocks see', async () => {
    const workflow = await saveWorkflow(handle, tenantId, mutateGraph);

    const run = await runToEnd(handle, tenantId, workflow, { input: { user: 'ada' } });

    expect(run.status).toBe('success');
    expect(stepOf(run, 'mutate').output).toEqual({
      prototype: 'TypeError: Cannot add property polluted, object is not extensible',
      builtin: "TypeError: Cannot assign to read only property 'map' of object '[object Array]'",
      globalVariable: 'TypeError: Cannot add property leaked, object is not extensible',
      jsonParse: "TypeError: Cannot assign to read only property 'parse' of object '[object JSON]'",
      mathRandom:
        "TypeError: Cannot assign to read only property 'random' of object '[object Math]'",
      vars: 'TypeError: Cannot add property 2, object is not extensible',
      input: "TypeError: Cannot assign to read only property 'user' of object '[object Object]'",
      item: "TypeError: Cannot assign to read only property 'tag' of object '[object Object]'",
    });
    expect(stepOf(run, 'observe').output).toEqual(UNCHANGED);
  });

  it('a later run sees none of an earlier run', async () => {
    const mutate = await saveWorkflow(handle, tenantId, mutateGraph);
    const observe = await saveWorkflow(handle, tenantId, observeGraph);

    const first = await runToEnd(handle, tenantId, mutate, { input: { user: 'ada' } });
    const later = await runToEnd(handle, tenantId, observe, { input: { user: 'ada' } });

    expect(first.status).toBe('success');
    expect(later.status).toBe('success');
    expect(stepOf(later, 'observe').output).toEqual(UNCHANGED);
  });
});
