/**
 * Retries of an http block whose server does its work but responds after the block's timeout:
 * every attempt carries the same Idempotency-Key, so the server can tell them apart from new
 * requests, and a replay from a later checkpoint sends nothing for the steps before it.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '../../engine/types';
import type { DatabaseHandle } from '../../lib/db/client';
import { createTestTenant, openTestDatabase } from '../database';
import { block, chain } from '../fixtures/engine-run';
import { respondJson, startTestServer, type TestServer } from '../fixtures/http-server';
import { allowHttpTargets, replayToEnd, runToEnd, saveWorkflow, stepOf } from './support';

const BLOCK_TIMEOUT_MS = 1_000;
/** Responses this late always miss the block's timeout. */
const LATE_ANSWER_MS = 5_000;
/** The server responds late this many times per idempotency key, then at once. */
const LATE_ANSWERS = 2;

let handle: DatabaseHandle;
let tenantId: string;
let server: TestServer;

beforeAll(async () => {
  const answersByKey = new Map<string, number>();
  server = await startTestServer((request, response) => {
    const key = String(request.headers['idempotency-key']);
    const answered = answersByKey.get(key) ?? 0;
    answersByKey.set(key, answered + 1);

    const delayMs = answered < LATE_ANSWERS ? LATE_ANSWER_MS : 0;
    setTimeout(() => respondJson(response, 201, { charged: true }), delayMs);
  });
  allowHttpTargets([server.hostPort]);
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'retries');
});

afterAll(async () => {
  await handle?.close();
  await server?.close();
});

function paymentGraph(idempotencyKey?: string): WorkflowGraph {
  return {
    nodes: [
      block('pay', 'http', {
        method: 'POST',
        url: `'${server.origin}/charge'`,
        body: '({ amount: input.amount })',
        timeoutMs: BLOCK_TIMEOUT_MS,
        retries: 3,
        outputKey: 'payment',
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      }),
      block('receipt', 'js', {
        code: 'return { status: vars.payment.status };',
        outputKey: 'receipt',
      }),
      block('out', 'output', { value: 'vars.receipt' }),
    ],
    edges: chain('pay', 'receipt', 'out'),
  };
}

function keysSince(start: number): string[] {
  return server.requests.slice(start).map((request) => String(request.headers['idempotency-key']));
}

describe('http retries', () => {
  it('send one idempotency key on every attempt', async () => {
    const workflow = await saveWorkflow(handle, tenantId, paymentGraph());
    const start = server.requests.length;

    const run = await runToEnd(handle, tenantId, workflow, { mode: 'live', input: { amount: 5 } });

    expect(run.errorMessage).toBeNull();
    expect(run.output).toEqual({ status: 201 });
    expect(keysSince(start)).toEqual([`${run.id}:pay`, `${run.id}:pay`, `${run.id}:pay`]);
    const requests = stepOf(run, 'pay').sideEffects?.requests as Array<Record<string, unknown>>;
    expect(requests.map((request) => request.attempt)).toEqual([1, 2, 3]);
    expect(requests.map((request) => request.error ?? request.status)).toEqual([
      `request to ${server.origin}/charge failed: timed out after ${BLOCK_TIMEOUT_MS} ms`,
      `request to ${server.origin}/charge failed: timed out after ${BLOCK_TIMEOUT_MS} ms`,
      201,
    ]);
  });

  it("send the block's own key on every attempt", async () => {
    const workflow = await saveWorkflow(handle, tenantId, paymentGraph("'order-' + input.order"));
    const start = server.requests.length;

    const run = await runToEnd(handle, tenantId, workflow, {
      mode: 'live',
      input: { amount: 7, order: 'A-17' },
    });

    expect(run.status).toBe('success');
    expect(keysSince(start)).toEqual(['order-A-17', 'order-A-17', 'order-A-17']);
  });

  it('send nothing again on a replay from a later step', async () => {
    const workflow = await saveWorkflow(handle, tenantId, paymentGraph());
    const run = await runToEnd(handle, tenantId, workflow, { mode: 'live', input: { amount: 9 } });
    const afterRun = server.requests.length;

    const fromReceipt = await replayToEnd(
      handle,
      tenantId,
      run,
      stepOf(run, 'receipt').index,
      true,
    );
    const fromPayment = await replayToEnd(handle, tenantId, run, stepOf(run, 'pay').index, true);

    expect(fromReceipt.status).toBe('success');
    expect(fromReceipt.output).toEqual({ status: 201 });
    expect(stepOf(fromReceipt, 'pay').skipReason).toBe('snapshot satisfied (cached output)');
    expect(fromPayment.status).toBe('success');
    expect(stepOf(fromPayment, 'pay').skipReason).toBe('snapshot satisfied (cached output)');
    expect(server.requests).toHaveLength(afterRun);
  });
});
