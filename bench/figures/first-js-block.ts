/**
 * First js block of a run: from the `runGraph` call to the moment the run's first js step is
 * recorded, so run setup, isolate creation and the first compile are all included.
 */

import { comparedRow, measurement, notMeasuredRow } from '../harness/rows';
import { sampleAsync } from '../harness/timer';
import type { Figure } from '../harness/types';
import { isMissing } from '../support/engine-modules';
import { loadFlowscope } from '../support/flowscope';
import { runInNewIsolate } from '../support/references';
import { manyJsBlocksGraph, orderSummaryCode, SMALL_ORDER } from '../support/workflows';

const NAME = 'first-js-block';
const TARGET = '≤ 3 ms median';

export const firstJsBlockFigure: Figure = {
  name: NAME,
  title: 'first js block of a run, isolate creation included',
  inQuick: true,
  async run(context) {
    const flowscope = await loadFlowscope();
    if (isMissing(flowscope))
      return [notMeasuredRow(NAME, 'first js block of a run', TARGET, flowscope.missing)];

    const graph = manyJsBlocksGraph(1);
    const samples: number[] = [];
    const measureOnce = async (record: boolean) => {
      const start = process.hrtime.bigint();
      let firstStepMs: number | undefined;
      const onStep = () => (firstStepMs ??= Number(process.hrtime.bigint() - start) / 1e6);

      await flowscope.preview(graph, SMALL_ORDER, { onStep });
      if (firstStepMs === undefined) throw new Error('The run recorded no step');
      if (record) samples.push(firstStepMs);
    };

    const warmup = context.iterations(20, 5);
    for (let index = 0; index < warmup; index++) await measureOnce(false);
    for (let index = 0; index < context.iterations(300, 30); index++) await measureOnce(true);

    const code = orderSummaryCode('input');
    const floor = await sampleAsync(() => runInNewIsolate(code, SMALL_ORDER), {
      warmupIterations: warmup,
      iterations: context.iterations(300, 30),
    });

    return [
      comparedRow({
        figure: NAME,
        label: 'first js block of a run',
        subject: measurement('runGraph call → first js step recorded', samples, warmup),
        reference: measurement(
          'isolated-vm alone: new isolate, compile, run, dispose',
          floor,
          warmup,
        ),
        target: TARGET,
        isMet: ({ subject }) => subject.summary.medianMs <= 3,
      }),
    ];
  },
};
