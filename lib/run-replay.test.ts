import { describe, expect, it } from 'vitest';

import { makeStep, makeTrace } from '../components/trace/test/trace-fixtures';
import { buildReplayRequest, executedSideEffectsUpTo, foldAssignments } from './run-replay';

const assignments = [
  { stepIndex: 0, key: 'orders', value: [{ _id: '1' }] },
  { stepIndex: 2, key: 'total', value: 10 },
  { stepIndex: 3, key: 'total', value: 25 },
  { stepIndex: 5, key: 'sent', value: { status: 200 } },
];

describe('foldAssignments', () => {
  it('keeps assignments up to and including the checkpoint', () => {
    expect(foldAssignments(assignments, 2)).toEqual({ orders: [{ _id: '1' }], total: 10 });
  });

  it('lets a later assignment of the same key win', () => {
    expect(foldAssignments(assignments, 4)).toEqual({ orders: [{ _id: '1' }], total: 25 });
  });

  it('returns no variables before the first assignment', () => {
    expect(foldAssignments(assignments, -1)).toEqual({});
  });
});

describe('executedSideEffectsUpTo', () => {
  const trace = makeTrace([
    makeStep({ index: 0, blockId: 'q', blockType: 'query' }),
    makeStep({ index: 1, blockId: 'w', blockType: 'write', inputs: { idempotencyKey: 'order-1' } }),
    makeStep({
      index: 2,
      blockId: 'h',
      blockType: 'http',
      status: 'skipped',
      skipReason: 'condition false',
    }),
    makeStep({ index: 3, blockId: 'h2', blockType: 'http', status: 'error', error: 'timed out' }),
    makeStep({ index: 4, blockId: 'h3', blockType: 'http' }),
    makeStep({ index: 5, blockId: 'w', blockType: 'write' }),
  ]);

  it('lists executed writes and requests up to the checkpoint with their keys', () => {
    expect(executedSideEffectsUpTo(trace, 4)).toEqual([
      { blockId: 'w', stepIndex: 1, idempotencyKey: 'order-1' },
      { blockId: 'h3', stepIndex: 4 },
    ]);
  });

  it('lists nothing before the first side effect', () => {
    expect(executedSideEffectsUpTo(trace, 0)).toEqual([]);
  });
});

describe('buildReplayRequest', () => {
  it('passes the source input with the folded variables and seeds the guard', () => {
    const trace = makeTrace([
      makeStep({ index: 0, blockId: 'w', blockType: 'write' }),
      makeStep({ index: 1, blockId: 'j' }),
    ]);
    const source = { runId: 'run-9', input: { id: 7 }, trace, assignments };

    const request = buildReplayRequest(source, 2, false);

    expect(request).toEqual({
      inputJson: { input: { id: 7 }, vars: { orders: [{ _id: '1' }], total: 10 } },
      snapshot: {
        sourceRunId: 'run-9',
        checkpointStep: 2,
        commit: false,
        executedSideEffects: [{ blockId: 'w', stepIndex: 0 }],
      },
    });
  });
});
