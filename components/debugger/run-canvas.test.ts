import { describe, expect, it } from 'vitest';

import type { StepTrace, WorkflowGraph } from '@/engine/types';

import { computeRunCanvas } from './run-canvas';

const graph: WorkflowGraph = {
  nodes: [
    { id: 'a', type: 'js', config: { code: 'return 1', outputKey: 'a' } },
    { id: 'b', type: 'js', config: { code: 'return 2', outputKey: 'b' } },
  ],
  edges: [{ id: 'e1', source: 'a', target: 'b' }],
};

function step(index: number, blockId: string, durationMs: number): StepTrace {
  return { index, blockId, blockType: 'js', status: 'executed', startOffsetMs: 0, durationMs };
}

describe('run canvas state', () => {
  it('is null without a run', () => {
    expect(computeRunCanvas(null, graph, null)).toBeNull();
  });

  it('keeps the state object of a block whose state did not change', () => {
    const first = computeRunCanvas(
      { runId: 'r', trace: null, live: [step(0, 'a', 2)] },
      graph,
      null,
    );

    const second = computeRunCanvas(
      { runId: 'r', trace: null, live: [step(0, 'a', 2), step(1, 'b', 3)] },
      graph,
      first,
    );

    expect(second!.blocks.get('a')).toBe(first!.blocks.get('a'));
    expect(second!.blocks.get('b')?.durationMs).toBe(3);
    expect(second!.takenEdgeIds.has('e1')).toBe(true);
  });

  it('marks blocks that are still running', () => {
    const canvas = computeRunCanvas(
      { runId: 'r', trace: null, live: [], runningBlockIds: ['a'] },
      graph,
      null,
    );

    expect(canvas!.blocks.get('a')?.status).toBe('running');
  });
});
