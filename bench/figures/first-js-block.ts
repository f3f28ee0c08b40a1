/**
 * First js block of a run: from the `runGraph` call to the moment the run's first js step is
 * recorded, so run setup, the isolate and the first compile are all included.
 *
 * The sandbox keeps one isolate prepared for the next run, on isolated-vm's thread pool. Runs
 * started back to back outpace that preparation, so they include creating the isolate, which
 * is the figure's target. Runs started after a pause, as a person clicking Preview does, find
 * the prepared isolate, which the second row shows.
 */

import { setTimeout as sleep } from 'node:timers/promises';

import type { FlowscopeRunner } from '../support/flowscope';
import { comparedRow, measurement, notMeasuredRow } from '../harness/rows';
import { sampleAsync } from '../harness/timer';
import type { Figure, FigureContext } from '../harness/types';
import { isMissing } from '../support/engine-modules';
import { loadFlowscope } from '../support/flowscope';
import { runInNewIsolate } from '../support/references';
import { manyJsBlocksGraph, orderSummaryCode, SMALL_ORDER } from '../support/workflows';

const NAME = 'first-js-block';
const TARGET = '≤ 3 ms median';

/** Pause before each run of the second row; the prepared isolate needs a few milliseconds. */
const PAUSE_MS = 50;

async function timeFirstStep(flowscope: FlowscopeRunner): Promise<number> {
  const start = process.hrtime.bigint();
  let firstStepMs: number | undefined;
  const onStep = () => (firstStepMs ??= Number(process.hrtime.bigint() - start) / 1e6);

  await flowscope.preview(manyJsBlocksGraph(1), SMALL_ORDER, { onStep });
  if (firstStepMs === undefined) throw new Error('The run recorded no step');
  return firstStepMs;
}

async function sampleFirstSteps(
  flowscope: FlowscopeRunner,
  context: FigureContext,
  pauseMs: number,
): Promise<number[]> {
  const samples: number[] = [];
  const warmup = context.iterations(20, 5);
  const iterations = context.iterations(pauseMs > 0 ? 100 : 300, 20);

  for (let index = 0; index < warmup + iterations; index++) {
    if (pauseMs > 0) await sleep(pauseMs);
    const elapsed = await timeFirstStep(flowscope);
    if (index >= warmup) samples.push(elapsed);
  }

  return samples;
}

export const firstJsBlockFigure: Figure = {
  name: NAME,
  title: 'first js block of a run, isolate creation included',
  inQuick: true,
  async run(context) {
    const flowscope = await loadFlowscope();
    if (isMissing(flowscope)) {
      return [notMeasuredRow(NAME, 'first js block of a run', TARGET, flowscope.missing)];
    }

    const warmup = context.iterations(20, 5);
    const backToBack = await sampleFirstSteps(flowscope, context, 0);
    const paused = await sampleFirstSteps(flowscope, context, PAUSE_MS);
    const code = orderSummaryCode('input');
    const floor = await sampleAsync(() => runInNewIsolate(code, SMALL_ORDER), {
      warmupIterations: warmup,
      iterations: context.iterations(300, 20),
    });
    const isolateAlone = measurement(
      'isolated-vm alone: new isolate, compile, run, dispose',
      floor,
      warmup,
    );

    return [
      comparedRow({
        figure: NAME,
        label: 'first js block of a run, runs back to back',
        subject: measurement('runGraph call → first js step recorded', backToBack, warmup),
        reference: isolateAlone,
        target: TARGET,
        isMet: ({ subject }) => subject.summary.medianMs <= 3,
      }),
      comparedRow({
        figure: NAME,
        label: `first js block of a run, ${PAUSE_MS} ms pause before each`,
        subject: measurement('runGraph call → first js step recorded', paused, warmup),
        reference: isolateAlone,
        target: 'context: the prepared isolate is ready',
      }),
    ];
  },
};
