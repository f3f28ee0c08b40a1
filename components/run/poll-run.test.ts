import { describe, expect, it } from 'vitest';

import type { RunDetail, RunProgressReport } from '@/lib/run-view';

import { makeStep } from '../trace/test/trace-fixtures';
import { pollRun, RunRequestError } from './poll-run';

const finishedRun = { id: 'run-1', status: 'success' } as RunDetail;
const noSleep = async () => {};

function report(steps: number[], running: string[], stepCount: number): RunProgressReport {
  return {
    status: 'running',
    steps: steps.map((index) => makeStep({ index, blockId: `b${index}` })),
    stepCount,
    runningBlockIds: running,
  };
}

describe('pollRun', () => {
  it('returns a run that finished before the start action answered', async () => {
    const run = await pollRun({
      start: async () => ({ ok: true, runId: 'run-1', run: finishedRun }),
      poll: async () => {
        throw new Error('poll must not be called');
      },
      onProgress: () => {},
      sleep: noSleep,
    });

    expect(run).toBe(finishedRun);
  });

  it('accumulates steps across polls and asks only for new ones', async () => {
    const afterSteps: number[] = [];
    const progressCalls: Array<[number[], string[]]> = [];
    const answers = [
      { ok: true as const, progress: report([0], ['b1'], 1), run: null },
      { ok: true as const, progress: report([1, 2], ['b3'], 3), run: null },
      { ok: true as const, progress: null, run: finishedRun },
    ];

    const run = await pollRun({
      start: async () => ({ ok: true, runId: 'run-1', run: null }),
      poll: async (_runId, afterStep) => {
        afterSteps.push(afterStep);
        return answers.shift()!;
      },
      onProgress: (steps, running) => progressCalls.push([steps.map((s) => s.index), running]),
      sleep: noSleep,
    });

    expect(run).toBe(finishedRun);
    expect(afterSteps).toEqual([0, 1, 3]);
    expect(progressCalls).toEqual([
      [[0], ['b1']],
      [[0, 1, 2], ['b3']],
    ]);
  });

  it('throws the message of a failed start', async () => {
    const running = pollRun({
      start: async () => ({ ok: false, error: 'Workflow not found' }),
      poll: async () => ({ ok: true, progress: null, run: finishedRun }),
      onProgress: () => {},
      sleep: noSleep,
    });

    await expect(running).rejects.toThrow(new RunRequestError('Workflow not found'));
  });

  it('throws the message of a failed poll', async () => {
    const running = pollRun({
      start: async () => ({ ok: true, runId: 'run-1', run: null }),
      poll: async () => ({ ok: false, error: 'Run not found' }),
      onProgress: () => {},
      sleep: noSleep,
    });

    await expect(running).rejects.toThrow('Run not found');
  });
});
