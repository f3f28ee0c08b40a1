/**
 * Engine overhead per step: a loop of 1000 iterations over a block that does nothing, against
 * a bare loop of 1000 awaits. Per step is (time(1000 iterations) − time(1 iteration)) / 999,
 * computed per interleaved pair of runs, so the run's fixed costs (isolate, trace) drop out.
 *
 * Every block type evaluates code in the sandbox, so the idle block is a js block returning
 * null. The engine's own share subtracts the time of the sandbox calls, which the engine
 * measures around each call and reports as the trace's `jsTimeMs`.
 */

import { comparedRow, measurement, notMeasuredRow } from '../harness/rows';
import { pairwiseDifference } from '../harness/stats';
import { sampleAsync, sampleInterleaved } from '../harness/timer';
import type { Figure } from '../harness/types';
import { isMissing } from '../support/engine-modules';
import { loadFlowscope } from '../support/flowscope';
import { idleLoopGraph } from '../support/workflows';

const NAME = 'engine-overhead';
const ITERATIONS = 1000;
const TARGET = '≤ 5 µs per step, median';

async function idle(): Promise<void> {}

/** The floor: what 1000 sequential awaits of an empty async function cost, per await. */
async function awaitLoop(): Promise<void> {
  for (let index = 0; index < ITERATIONS; index++) await idle();
}

export const engineOverheadFigure: Figure = {
  name: NAME,
  title: 'engine overhead per step: 1000-iteration loop of a block that does nothing',
  inQuick: true,
  async run(context) {
    const flowscope = await loadFlowscope();
    if (isMissing(flowscope))
      return [notMeasuredRow(NAME, 'engine overhead per step', TARGET, flowscope.missing)];

    const long = idleLoopGraph(ITERATIONS);
    const short = idleLoopGraph(1);
    const warmup = context.iterations(10, 3);
    const options = { warmupIterations: warmup, iterations: context.iterations(100, 15) };
    const sandboxMs = { long: [] as number[], short: [] as number[] };
    const runAndRecord = async (graph: typeof long, into: number[]) => {
      const result = await flowscope.preview(graph, {});
      into.push(result.executionTrace.metrics.jsTimeMs);
    };

    const [longRuns, shortRuns] = await sampleInterleaved(
      [() => runAndRecord(long, sandboxMs.long), () => runAndRecord(short, sandboxMs.short)],
      options,
    );
    // The warm-up runs recorded sandbox times too; keep the timed ones.
    const longSandbox = sandboxMs.long.slice(warmup);
    const shortSandbox = sandboxMs.short.slice(warmup);
    const perStep = pairwiseDifference(longRuns!, shortRuns!, ITERATIONS - 1);
    const sandboxPerStep = pairwiseDifference(longSandbox, shortSandbox, ITERATIONS - 1);
    const enginePerStep = perStep.map((total, index) => total - sandboxPerStep[index]!);
    const floor = (await sampleAsync(awaitLoop, options)).map((total) => total / ITERATIONS);
    const awaitFloor = measurement('per await of an empty async function', floor, warmup);

    return [
      comparedRow({
        figure: NAME,
        label: 'engine overhead per step, without the sandbox call',
        subject: measurement('per loop iteration − its sandbox time', enginePerStep, warmup),
        reference: awaitFloor,
        target: TARGET,
        isMet: ({ subject }) => subject.summary.medianMs <= 0.005,
      }),
      comparedRow({
        figure: NAME,
        label: 'one step of the loop, whole (body: js block `return null`)',
        subject: measurement('per loop iteration, preview, trace on', perStep, warmup),
        reference: awaitFloor,
        target: 'context: engine overhead plus one sandbox call',
      }),
    ];
  },
};
