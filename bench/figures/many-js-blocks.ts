/**
 * 100 js blocks in one run, sharing one isolate and its compiled scripts, against the naive
 * way: a new isolate, context and compile for every block.
 */

import { comparedRow, measurement, notMeasuredRow } from '../harness/rows';
import { sampleInterleaved } from '../harness/timer';
import type { Figure } from '../harness/types';
import { isMissing } from '../support/engine-modules';
import { loadFlowscope } from '../support/flowscope';
import { runInNewIsolate } from '../support/references';
import { manyJsBlocksGraph, orderSummaryCode, SMALL_ORDER } from '../support/workflows';

const NAME = 'many-js-blocks';
const BLOCKS = 100;
const TARGET = '≥ 30× faster';

async function naiveRun(): Promise<void> {
  const code = orderSummaryCode('input');
  for (let index = 0; index < BLOCKS; index++) await runInNewIsolate(code, SMALL_ORDER);
}

export const manyJsBlocksFigure: Figure = {
  name: NAME,
  title: '100 js blocks in one run vs a new isolate per block',
  inQuick: true,
  async run(context) {
    const flowscope = await loadFlowscope();
    if (isMissing(flowscope))
      return [notMeasuredRow(NAME, '100 js blocks in one run', TARGET, flowscope.missing)];

    const graph = manyJsBlocksGraph(BLOCKS);
    const warmup = context.iterations(5, 2);
    const [runs, naive] = await sampleInterleaved(
      [() => flowscope.preview(graph, SMALL_ORDER), naiveRun],
      { warmupIterations: warmup, iterations: context.iterations(40, 5) },
    );

    return [
      comparedRow({
        figure: NAME,
        label: `${BLOCKS} js blocks in one run`,
        subject: measurement('runGraph, preview, one isolate per run', runs!, warmup),
        reference: measurement('a new isolate per block', naive!, warmup),
        target: TARGET,
        isMet: ({ ratio }) => ratio !== undefined && ratio <= 1 / 30,
      }),
    ];
  },
};
