import { describe, expect, it } from 'vitest';

import { traceToBlockStates } from './block-badges';
import { emptyRunProgress } from './run-progress';
import { branchAndLoopGraph, makeStep, makeTrace } from './test/trace-fixtures';

describe('traceToBlockStates', () => {
  it('sums duration and the DB, JS and HTTP split of a block', () => {
    const trace = makeTrace([
      makeStep({
        index: 0,
        blockId: 'q',
        blockType: 'query',
        durationMs: 4.2,
        dbTimeMs: 3.1,
        jsTimeMs: 0.2,
      }),
    ]);

    const state = traceToBlockStates(trace).blocks.get('q');

    expect(state?.status).toBe('done');
    expect(state?.durationMs).toBe(4.2);
    expect(state?.dbTimeMs).toBe(3.1);
    expect(state?.jsTimeMs).toBe(0.2);
    expect(state?.httpTimeMs).toBe(0);
  });

  it('marks a query served from the cache', () => {
    const trace = makeTrace([
      makeStep({ index: 0, blockId: 'q', blockType: 'query', cacheHit: true }),
    ]);

    expect(traceToBlockStates(trace).blocks.get('q')?.cacheHits).toBe(1);
  });

  it('marks a skipped block with its reason', () => {
    const trace = makeTrace([
      makeStep({ index: 0, blockId: 'w', status: 'skipped', skipReason: 'condition false' }),
    ]);

    const state = traceToBlockStates(trace).blocks.get('w');

    expect(state?.status).toBe('skipped');
    expect(state?.skipReason).toBe('condition false');
    expect(state?.snapshot).toBe(false);
  });

  it('marks a block satisfied by the snapshot', () => {
    const trace = makeTrace([
      makeStep({
        index: 0,
        blockId: 'q',
        status: 'skipped',
        skipReason: 'snapshot satisfied (cached output)',
      }),
    ]);

    const state = traceToBlockStates(trace).blocks.get('q');

    expect(state?.snapshot).toBe(true);
    expect(state?.status).toBe('skipped');
  });

  it('marks staged writes and requests', () => {
    const trace = makeTrace([
      makeStep({
        index: 0,
        blockId: 'w',
        blockType: 'write',
        sideEffects: { writes: [{}], staged: true },
      }),
      makeStep({
        index: 1,
        blockId: 'h',
        blockType: 'http',
        sideEffects: { requests: [{}], staged: false },
      }),
    ]);

    const { blocks } = traceToBlockStates(trace);

    expect(blocks.get('w')?.staged).toBe(true);
    expect(blocks.get('h')?.staged).toBe(false);
  });

  it('carries the error message of a failed block', () => {
    const trace = makeTrace([
      makeStep({
        index: 0,
        blockId: 'q',
        status: 'error',
        error: 'Query block "q": unknown table "x"',
      }),
    ]);

    const state = traceToBlockStates(trace).blocks.get('q');

    expect(state?.status).toBe('error');
    expect(state?.errorMessage).toBe('Query block "q": unknown table "x"');
  });

  it('leaves out blocks the run never reached', () => {
    const trace = makeTrace([makeStep({ index: 0, blockId: 'input', blockType: 'input' })]);

    const { blocks } = traceToBlockStates(trace, branchAndLoopGraph);

    expect([...blocks.keys()]).toEqual(['input']);
  });

  it('maps a run that just started to no badges', () => {
    const { blocks, takenEdgeIds, untakenEdgeIds } = traceToBlockStates(
      emptyRunProgress('run-2'),
      branchAndLoopGraph,
    );

    expect(blocks.size).toBe(0);
    expect(takenEdgeIds.size).toBe(0);
    expect(untakenEdgeIds.size).toBe(0);
  });

  it('shows running blocks of a progress report and done ones beside them', () => {
    const progress = {
      ...emptyRunProgress('run-2'),
      steps: [makeStep({ index: 0, blockId: 'input', blockType: 'input' })],
      runningBlockIds: ['check'],
    };

    const { blocks } = traceToBlockStates(progress, branchAndLoopGraph);

    expect(blocks.get('input')?.status).toBe('done');
    expect(blocks.get('check')?.status).toBe('running');
    expect(blocks.has('notify')).toBe(false);
  });

  it('ignores running blocks once the progress is finished', () => {
    const progress = { ...emptyRunProgress('run-2'), runningBlockIds: ['check'], finished: true };

    expect(traceToBlockStates(progress).blocks.size).toBe(0);
  });

  it('counts loop iterations and keeps the loop step as total time', () => {
    const trace = makeTrace([
      makeStep({ index: 0, blockId: 'double', iteration: 0, durationMs: 1 }),
      makeStep({ index: 1, blockId: 'double', iteration: 1, durationMs: 2 }),
      makeStep({ index: 2, blockId: 'double', iteration: 2, durationMs: 3 }),
      makeStep({ index: 3, blockId: 'each', blockType: 'loop', durationMs: 6.5 }),
    ]);

    const { blocks } = traceToBlockStates(trace, branchAndLoopGraph);

    expect(blocks.get('each')?.iterations).toBe(3);
    expect(blocks.get('each')?.durationMs).toBe(6.5);
    expect(blocks.get('double')?.stepCount).toBe(3);
    expect(blocks.get('double')?.durationMs).toBe(6);
  });

  it('counts iterations of a loop that is still running', () => {
    const progress = {
      ...emptyRunProgress('run-2'),
      steps: [
        makeStep({ index: 0, blockId: 'double', iteration: 0 }),
        makeStep({ index: 1, blockId: 'double', iteration: 1 }),
      ],
      runningBlockIds: ['each', 'double'],
    };

    const { blocks } = traceToBlockStates(progress, branchAndLoopGraph);

    expect(blocks.get('each')?.status).toBe('running');
    expect(blocks.get('each')?.iterations).toBe(2);
    expect(blocks.get('double')?.status).toBe('running');
  });

  it('reports a body block as skipped only when every iteration was skipped', () => {
    const guard = 'already executed (idempotency guard)';
    const trace = makeTrace([
      makeStep({ index: 0, blockId: 'double', iteration: 0 }),
      makeStep({ index: 1, blockId: 'double', iteration: 1, status: 'skipped', skipReason: guard }),
    ]);

    const state = traceToBlockStates(trace).blocks.get('double');

    expect(state?.status).toBe('done');
    expect(state?.skippedCount).toBe(1);
    expect(state?.skipReason).toBe(guard);
  });

  it('takes the branch edge whose label matches the decision', () => {
    const trace = makeTrace([
      makeStep({ index: 0, blockId: 'input', blockType: 'input' }),
      makeStep({ index: 1, blockId: 'check', blockType: 'branch', output: true }),
      makeStep({ index: 2, blockId: 'notify', blockType: 'http' }),
      makeStep({
        index: 3,
        blockId: 'archive',
        blockType: 'write',
        status: 'skipped',
        skipReason: 'branch not taken',
      }),
      makeStep({ index: 4, blockId: 'each', blockType: 'loop' }),
      makeStep({ index: 5, blockId: 'out', blockType: 'output' }),
    ]);

    const { takenEdgeIds, untakenEdgeIds } = traceToBlockStates(trace, branchAndLoopGraph);

    expect([...takenEdgeIds].sort()).toEqual([
      'e-check-notify',
      'e-each-out',
      'e-input-check',
      'e-notify-each',
    ]);
    expect([...untakenEdgeIds].sort()).toEqual(['e-archive-each', 'e-check-archive']);
  });

  it('reads a branch decision given as an object with result', () => {
    const trace = makeTrace([
      makeStep({ index: 0, blockId: 'check', blockType: 'branch', output: { result: false } }),
    ]);

    const { takenEdgeIds } = traceToBlockStates(trace, branchAndLoopGraph);

    expect([...takenEdgeIds]).toEqual(['e-check-archive']);
  });

  it('takes no edge out of a failed block and leaves unreached edges neutral', () => {
    const trace = makeTrace([
      makeStep({ index: 0, blockId: 'input', blockType: 'input' }),
      makeStep({ index: 1, blockId: 'check', blockType: 'branch', status: 'error', error: 'boom' }),
    ]);

    const { takenEdgeIds, untakenEdgeIds } = traceToBlockStates(trace, branchAndLoopGraph);

    expect([...takenEdgeIds]).toEqual(['e-input-check']);
    expect([...untakenEdgeIds].sort()).toEqual(['e-check-archive', 'e-check-notify']);
  });

  it('lets the run flow on past a block skipped by its condition', () => {
    const trace = makeTrace([
      makeStep({
        index: 0,
        blockId: 'notify',
        blockType: 'http',
        status: 'skipped',
        skipReason: 'condition false',
      }),
    ]);

    expect([...traceToBlockStates(trace, branchAndLoopGraph).takenEdgeIds]).toEqual([
      'e-notify-each',
    ]);
  });

  it('takes no edge out of a block the run did not reach', () => {
    const trace = makeTrace([
      makeStep({
        index: 0,
        blockId: 'archive',
        blockType: 'write',
        status: 'skipped',
        skipReason: 'branch not taken',
      }),
    ]);

    const { takenEdgeIds, untakenEdgeIds } = traceToBlockStates(trace, branchAndLoopGraph);

    expect([...takenEdgeIds]).toEqual([]);
    expect([...untakenEdgeIds]).toEqual(['e-archive-each']);
  });

  it('lets the value of a snapshot-satisfied block flow on', () => {
    const trace = makeTrace([
      makeStep({
        index: 0,
        blockId: 'notify',
        blockType: 'http',
        status: 'skipped',
        skipReason: 'snapshot satisfied (cached output)',
      }),
    ]);

    expect([...traceToBlockStates(trace, branchAndLoopGraph).takenEdgeIds]).toEqual([
      'e-notify-each',
    ]);
  });
});
