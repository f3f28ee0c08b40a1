import { describe, expect, it } from 'vitest';

import {
  axisTicks,
  barGeometry,
  buildTimelineRows,
  clampZoom,
  fitScale,
  timelineExtentMs,
  scrollTopRevealingRow,
  visibleRowWindow,
} from './timeline-layout';
import { branchAndLoopGraph, makeStep } from './test/trace-fixtures';

const loopSteps = [
  makeStep({ index: 0, blockId: 'input', blockType: 'input', startOffsetMs: 0, durationMs: 0.1 }),
  makeStep({ index: 1, blockId: 'double', iteration: 0, startOffsetMs: 1, durationMs: 1 }),
  makeStep({ index: 2, blockId: 'double', iteration: 1, startOffsetMs: 2, durationMs: 1 }),
  makeStep({ index: 3, blockId: 'each', blockType: 'loop', startOffsetMs: 0.5, durationMs: 3 }),
  makeStep({ index: 4, blockId: 'out', blockType: 'output', startOffsetMs: 4, durationMs: 0.2 }),
];

function describeRows(rows: ReturnType<typeof buildTimelineRows>): string[] {
  return rows.map((row) => `${'  '.repeat(row.depth)}${row.step.blockId}#${row.step.index}`);
}

describe('buildTimelineRows', () => {
  it('nests loop iterations under their loop step in time order', () => {
    const rows = buildTimelineRows(loopSteps, branchAndLoopGraph, new Set());

    expect(describeRows(rows)).toEqual(['input#0', 'each#3', '  double#1', '  double#2', 'out#4']);
    expect(rows[1]?.childCount).toBe(2);
    expect(rows[1]?.expanded).toBe(true);
  });

  it('hides the iterations of a collapsed loop', () => {
    const rows = buildTimelineRows(loopSteps, branchAndLoopGraph, new Set(['step-3']));

    expect(describeRows(rows)).toEqual(['input#0', 'each#3', 'out#4']);
    expect(rows[1]?.expanded).toBe(false);
    expect(rows[1]?.childCount).toBe(2);
  });

  it('lists body steps at the top level while their loop has no step yet', () => {
    const rows = buildTimelineRows(loopSteps.slice(0, 3), branchAndLoopGraph, new Set());

    expect(describeRows(rows)).toEqual(['input#0', 'double#1', 'double#2']);
  });

  it('places nested loop bodies under the inner loop instance they ran in', () => {
    const graph = {
      nodes: [
        { id: 'outer', type: 'loop' as const, config: { items: '[1,2]' } },
        { id: 'inner', type: 'loop' as const, parentId: 'outer', config: { items: '[1]' } },
        {
          id: 'body',
          type: 'js' as const,
          parentId: 'inner',
          config: { code: '', outputKey: 'b' },
        },
      ],
      edges: [],
    };
    const steps = [
      makeStep({ index: 0, blockId: 'body', iteration: 0, startOffsetMs: 1 }),
      makeStep({ index: 1, blockId: 'inner', blockType: 'loop', iteration: 0, startOffsetMs: 0.5 }),
      makeStep({ index: 2, blockId: 'body', iteration: 0, startOffsetMs: 3 }),
      makeStep({ index: 3, blockId: 'inner', blockType: 'loop', iteration: 1, startOffsetMs: 2.5 }),
      makeStep({ index: 4, blockId: 'outer', blockType: 'loop', startOffsetMs: 0 }),
    ];

    const rows = buildTimelineRows(steps, graph, new Set());

    expect(describeRows(rows)).toEqual([
      'outer#4',
      '  inner#1',
      '    body#0',
      '  inner#3',
      '    body#2',
    ]);
  });

  it('keeps 1000 steps in 1000 rows', () => {
    const steps = Array.from({ length: 1000 }, (_, index) =>
      makeStep({ index, blockId: `b${index}`, startOffsetMs: index }),
    );

    expect(buildTimelineRows(steps, undefined, new Set())).toHaveLength(1000);
  });
});

describe('bar geometry and scale', () => {
  it('places a bar by start offset and duration', () => {
    const step = makeStep({ index: 0, blockId: 'q', startOffsetMs: 10, durationMs: 5 });

    expect(barGeometry(step, 2)).toEqual({ leftPx: 20, widthPx: 10 });
  });

  it('gives a sub-pixel step the minimum width', () => {
    const step = makeStep({ index: 0, blockId: 'q', startOffsetMs: 1, durationMs: 0.001 });

    expect(barGeometry(step, 1).widthPx).toBe(2);
  });

  it('measures the extent to the end of the latest step', () => {
    expect(timelineExtentMs(loopSteps)).toBe(4.2);
    expect(timelineExtentMs([])).toBe(0);
  });

  it('fits the extent into the width', () => {
    expect(fitScale(200, 800)).toBe(4);
    expect(fitScale(0, 800)).toBe(800);
  });

  it.each([
    [0.5, 1],
    [4, 4],
    [5000, 1000],
  ])('clamps zoom %d to %d', (zoom, expected) => {
    expect(clampZoom(zoom)).toBe(expected);
  });
});

describe('visibleRowWindow', () => {
  it('renders only the rows in view plus the overscan', () => {
    const window = visibleRowWindow({
      scrollTop: 2200,
      viewportHeight: 220,
      rowHeight: 22,
      rowCount: 1000,
      overscan: 5,
    });

    expect(window).toEqual({ start: 95, end: 115 });
  });

  it('stays inside the row list at both ends', () => {
    const request = { viewportHeight: 220, rowHeight: 22, rowCount: 30, overscan: 5 };

    expect(visibleRowWindow({ ...request, scrollTop: 0 })).toEqual({ start: 0, end: 15 });
    expect(visibleRowWindow({ ...request, scrollTop: 10_000 })).toEqual({ start: 30, end: 30 });
  });

  it('renders nothing for an empty list', () => {
    const request = { scrollTop: 0, viewportHeight: 200, rowHeight: 22, rowCount: 0, overscan: 5 };

    expect(visibleRowWindow(request)).toEqual({ start: 0, end: 0 });
  });
});

describe('axisTicks', () => {
  it('picks a 1-2-5 step at least the minimum spacing apart', () => {
    expect(axisTicks(10, 10, 40)).toEqual([0, 5, 10]);
  });

  it('works below a millisecond', () => {
    expect(axisTicks(0.3, 1000, 80)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('returns only zero for an empty run', () => {
    expect(axisTicks(0, 10, 80)).toEqual([0]);
  });
});

describe('scrollTopRevealingRow', () => {
  const viewport = { viewportHeight: 220, rowHeight: 22, headerHeight: 22 };

  it.each([
    ['a row in view', 5, 0, null],
    ['a row above the view', 3, 110, 66],
    ['a row below the view', 20, 0, 264],
    ['the last row that fits', 8, 0, null],
    ['the first row hidden by the axis', 9, 0, 22],
  ])('scrolls for %s', (_case, rowIndex, scrollTop, expected) => {
    expect(scrollTopRevealingRow({ ...viewport, rowIndex, scrollTop })).toBe(expected);
  });

  it('rounds up to whole pixels below a fractional viewport', () => {
    expect(
      scrollTopRevealingRow({ ...viewport, viewportHeight: 220.4, rowIndex: 20, scrollTop: 0 }),
    ).toBe(264);
  });
});
