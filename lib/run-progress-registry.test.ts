import { randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { makeStep } from '../components/trace/test/trace-fixtures';
import { readRunProgress, trackRun, untrackRun } from './run-progress-registry';

describe('run progress registry', () => {
  it('reports running blocks until their step is recorded', () => {
    const runId = randomUUID();
    const callbacks = trackRun(runId, 'tenant-a');

    callbacks.onStepStart('input');
    callbacks.onStep(makeStep({ index: 0, blockId: 'input' }));
    callbacks.onStepStart('each');
    callbacks.onStepStart('double');

    expect(readRunProgress('tenant-a', runId, 0)).toEqual({
      steps: [makeStep({ index: 0, blockId: 'input' })],
      stepCount: 1,
      runningBlockIds: ['each', 'double'],
    });
  });

  it('returns only the steps after the ones the caller has', () => {
    const runId = randomUUID();
    const callbacks = trackRun(runId, 'tenant-a');
    for (const index of [0, 1, 2]) callbacks.onStep(makeStep({ index, blockId: `b${index}` }));

    const progress = readRunProgress('tenant-a', runId, 2);

    expect(progress?.steps.map((step) => step.index)).toEqual([2]);
    expect(progress?.stepCount).toBe(3);
  });

  it('keeps a block running while another iteration of it started', () => {
    const runId = randomUUID();
    const callbacks = trackRun(runId, 'tenant-a');

    callbacks.onStepStart('body');
    callbacks.onStepStart('body');
    callbacks.onStep(makeStep({ index: 0, blockId: 'body', iteration: 0 }));

    expect(readRunProgress('tenant-a', runId, 0)?.runningBlockIds).toEqual(['body']);
  });

  it('hides a run from another tenant', () => {
    const runId = randomUUID();
    trackRun(runId, 'tenant-a');

    expect(readRunProgress('tenant-b', runId, 0)).toBeNull();
  });

  it('forgets a run once untracked', () => {
    const runId = randomUUID();
    trackRun(runId, 'tenant-a');

    untrackRun(runId);

    expect(readRunProgress('tenant-a', runId, 0)).toBeNull();
  });
});
