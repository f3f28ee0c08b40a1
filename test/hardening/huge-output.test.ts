/**
 * A js block that returns 200,000 objects: the run is stored, its trace keeps a truncated preview
 * with the value's real size, and the whole value stays available to later blocks and replays.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MAX_TRACE_VALUE_BYTES } from '../../engine';
import type { TruncatedValue, WorkflowGraph } from '../../engine/types';
import type { DatabaseHandle } from '../../lib/db/client';
import { createTestTenant, openTestDatabase } from '../database';
import { block, chain } from '../fixtures/engine-run';
import { replayToEnd, runToEnd, saveWorkflow, stepOf } from './support';

const ITEM_COUNT = 200_000;

const expectedItems = Array.from({ length: ITEM_COUNT }, (_, index) => ({
  id: index,
  name: `item ${index}`,
  price: index * 1.5,
}));
const expectedJson = JSON.stringify(expectedItems);

const hugeGraph: WorkflowGraph = {
  nodes: [
    block('generate', 'js', {
      code: `return Array.from({ length: ${ITEM_COUNT} }, (_, index) => ({ id: index, name: 'item ' + index, price: index * 1.5 }));`,
      outputKey: 'items',
    }),
    block('count', 'js', {
      code: 'return { count: vars.items.length, last: vars.items[vars.items.length - 1] };',
      outputKey: 'summary',
    }),
    block('out', 'output', { value: 'vars.summary' }),
  ],
  edges: chain('generate', 'count', 'out'),
};

let handle: DatabaseHandle;
let tenantId: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'huge');
});

afterAll(async () => {
  await handle?.close();
});

describe('huge block output', () => {
  it('is stored with a truncated preview in the trace', async () => {
    const workflow = await saveWorkflow(handle, tenantId, hugeGraph);

    const run = await runToEnd(handle, tenantId, workflow);

    expect(run.errorMessage).toBeNull();
    expect(run.status).toBe('success');
    const output = stepOf(run, 'generate').output as TruncatedValue;
    expect(output.truncated).toBe(true);
    expect(output.size).toBe(Buffer.byteLength(expectedJson, 'utf8'));
    expect(output.size).toBeGreaterThan(MAX_TRACE_VALUE_BYTES);
    expect(output.preview).toBe(expectedJson.slice(0, 2048));
    expect(run.assignments?.[0]?.key).toBe('items');
    expect(run.assignments?.[0]?.value).toEqual(expectedItems);
    expect(run.output).toEqual({
      count: ITEM_COUNT,
      last: { id: ITEM_COUNT - 1, name: `item ${ITEM_COUNT - 1}`, price: (ITEM_COUNT - 1) * 1.5 },
    });
  });

  it('is reused whole by a replay after it', async () => {
    const workflow = await saveWorkflow(handle, tenantId, hugeGraph);
    const run = await runToEnd(handle, tenantId, workflow);

    const replay = await replayToEnd(handle, tenantId, run, stepOf(run, 'generate').index);

    expect(replay.status).toBe('success');
    expect(stepOf(replay, 'generate').skipReason).toBe('snapshot satisfied (cached output)');
    expect(stepOf(replay, 'count').output).toEqual(run.output);
  });
});
