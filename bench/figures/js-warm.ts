/**
 * A warm js block: the run's isolate already exists and the script is compiled, so a call is
 * copying a small JSON value in (`assign`), running the code and copying the result out. Against
 * the same code as a plain function call and in node:vm with a cached script, plus the floor of
 * isolated-vm used directly, synchronously and asynchronously.
 */

import type { RunSandbox } from '../../engine/sandbox/types';
import { comparedRow, measurement, notMeasuredRow } from '../harness/rows';
import { sampleAsync, sampleSync } from '../harness/timer';
import type { Figure, FigureContext, Measurement, ResultRow } from '../harness/types';
import { isMissing, loadModule } from '../support/engine-modules';
import {
  compilePlainFunction,
  createIsolatedVmRunner,
  createNodeVmRunner,
} from '../support/references';
import { orderSummaryCode, SMALL_ORDER } from '../support/workflows';

const NAME = 'js-warm';
const CODE = orderSummaryCode('vars.order');
const SCRIPT_OPTIONS = { timeoutMs: 1000, blockId: 'summary', field: 'code' };

type SandboxModule = { createRunSandbox(options?: { memoryLimitMb?: number }): RunSandbox };

async function measureSandbox(sandbox: RunSandbox, context: FigureContext): Promise<number[]> {
  await sandbox.initialize(null, {});

  return sampleAsync(
    async () => {
      await sandbox.assign('order', SMALL_ORDER);
      await sandbox.runScript(CODE, {}, SCRIPT_OPTIONS);
    },
    { warmupIterations: context.iterations(500, 50), iterations: context.iterations(10_000, 1000) },
  );
}

async function measureReferences(context: FigureContext) {
  const warmupIterations = context.iterations(500, 50);
  const iterations = context.iterations(10_000, 1000);
  const plain = compilePlainFunction(CODE);
  const nodeVm = createNodeVmRunner(CODE);
  const syncIsolate = await createIsolatedVmRunner(CODE, 'sync');
  const asyncIsolate = await createIsolatedVmRunner(CODE, 'async');

  try {
    return {
      warmupIterations,
      plain: sampleSync(() => plain({ order: SMALL_ORDER }, null), {
        warmupIterations,
        iterations,
        batchSize: 100,
      }),
      nodeVm: sampleSync(() => nodeVm('order', SMALL_ORDER), {
        warmupIterations,
        iterations,
        batchSize: 10,
      }),
      isolateSync: sampleSync(() => syncIsolate.run('order', SMALL_ORDER), {
        warmupIterations,
        iterations,
      }),
      isolateAsync: await sampleAsync(async () => asyncIsolate.run('order', SMALL_ORDER), {
        warmupIterations,
        iterations,
      }),
    };
  } finally {
    syncIsolate.dispose();
    asyncIsolate.dispose();
  }
}

function floorRows(
  nodeVm: Measurement,
  references: Awaited<ReturnType<typeof measureReferences>>,
): ResultRow[] {
  const { warmupIterations } = references;
  return [
    comparedRow({
      figure: NAME,
      label: 'isolated-vm floor, synchronous call (`applySync`)',
      subject: measurement(
        'copy in, run, copy out, one call',
        references.isolateSync,
        warmupIterations,
      ),
      reference: nodeVm,
      target: 'none: the floor of a sandbox on isolated-vm',
    }),
    comparedRow({
      figure: NAME,
      label: 'isolated-vm floor, asynchronous call (`apply`)',
      subject: measurement(
        'copy in, run, copy out, one call',
        references.isolateAsync,
        warmupIterations,
      ),
      reference: nodeVm,
      target: 'none: the floor of a sandbox on isolated-vm',
    }),
  ];
}

export const jsWarmFigure: Figure = {
  name: NAME,
  title: 'js block warm: reused isolate, cached script, small JSON in and out',
  inQuick: true,
  async run(context) {
    const references = await measureReferences(context);
    const { warmupIterations } = references;
    const plain = measurement('plain function call', references.plain, warmupIterations);
    const nodeVm = measurement('node:vm, cached script', references.nodeVm, warmupIterations);
    const floors = floorRows(nodeVm, references);

    const sandboxModule = await loadModule<SandboxModule>(
      'engine/sandbox/index.ts',
      'createRunSandbox',
    );
    if (isMissing(sandboxModule)) {
      return [
        notMeasuredRow(
          NAME,
          'js block warm',
          '≤ 25 µs; within 3× of node:vm',
          sandboxModule.missing,
        ),
        ...floors,
      ];
    }

    const sandbox = sandboxModule.createRunSandbox();
    let samples: number[];
    try {
      samples = await measureSandbox(sandbox, context);
    } finally {
      sandbox.dispose();
    }
    const subject = measurement('RunSandbox: assign + runScript', samples, warmupIterations);

    return [
      comparedRow({
        figure: NAME,
        label: 'js block warm vs a plain function call',
        subject,
        reference: plain,
        target: '≤ 25 µs median',
        isMet: ({ subject: measured }) => measured.summary.medianMs <= 0.025,
      }),
      comparedRow({
        figure: NAME,
        label: 'js block warm vs node:vm',
        subject,
        reference: nodeVm,
        target: 'within 3× of node:vm',
        isMet: ({ ratio }) => ratio !== undefined && ratio <= 3,
      }),
      ...floors,
    ];
  },
};
