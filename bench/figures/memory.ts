/**
 * Memory: resident set size after 1000 runs of a workflow with js blocks, against before the
 * first run. A full garbage collection runs before each reading.
 */

import { comparedRow, memoryMeasurement, notMeasuredRow } from '../harness/rows';
import { collectGarbage } from '../harness/timer';
import type { Figure } from '../harness/types';
import { isMissing } from '../support/engine-modules';
import { loadFlowscope } from '../support/flowscope';
import { manyJsBlocksGraph, SMALL_ORDER } from '../support/workflows';

const NAME = 'memory';
const TARGET = 'grows ≤ 20 MB';
const BLOCKS_PER_RUN = 10;

function residentMb(): number {
  collectGarbage();
  return process.memoryUsage().rss / 2 ** 20;
}

export const memoryFigure: Figure = {
  name: NAME,
  title: 'memory: RSS after 1000 runs with js blocks',
  inQuick: true,
  async run(context) {
    const flowscope = await loadFlowscope();
    if (isMissing(flowscope))
      return [notMeasuredRow(NAME, 'RSS after 1000 runs', TARGET, flowscope.missing)];

    const runs = context.iterations(1000, 100);
    const graph = manyJsBlocksGraph(BLOCKS_PER_RUN);
    const before = residentMb();
    const heapBefore = process.memoryUsage().heapUsed / 2 ** 20;

    for (let index = 0; index < runs; index++) await flowscope.preview(graph, SMALL_ORDER);
    const after = residentMb();
    const heapAfter = process.memoryUsage().heapUsed / 2 ** 20;

    for (let index = 0; index < runs; index++) await flowscope.preview(graph, SMALL_ORDER);
    const afterTwice = residentMb();

    return [
      comparedRow({
        figure: NAME,
        label: `RSS after ${runs} runs of ${BLOCKS_PER_RUN} js blocks`,
        subject: memoryMeasurement(`RSS after ${runs} runs`, [after]),
        reference: memoryMeasurement('RSS before the first run', [before]),
        target: TARGET,
        isMet: () => after - before <= 20,
        notes: [
          `RSS grew ${(after - before).toFixed(1)} MB over the first ${runs} runs and ` +
            `${(afterTwice - after).toFixed(1)} MB over the next ${runs}; ` +
            `the JavaScript heap grew ${(heapAfter - heapBefore).toFixed(1)} MB over the first ${runs}.`,
        ],
      }),
    ];
  },
};
