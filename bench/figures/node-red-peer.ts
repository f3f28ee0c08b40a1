/**
 * Node-RED peer: a chain of N function nodes against a chain of N Flowscope js blocks, one
 * message or run at a time. Per-node cost is (time(N) − time(1)) / (N − 1), computed per
 * iteration from interleaved samples, so the median and p99 are of per-iteration differences.
 */

import { comparedRow, measurement, notMeasuredRow } from '../harness/rows';
import { pairwiseDifference } from '../harness/stats';
import { sampleInterleaved } from '../harness/timer';
import type { Figure, FigureContext, ResultRow } from '../harness/types';
import { startNodeRed, type NodeRedPeer } from '../peers/node-red';
import { isMissing } from '../support/engine-modules';
import { loadFlowscope, type FlowscopeRunner } from '../support/flowscope';
import { jsChainGraph } from '../support/workflows';

const NAME = 'node-red-peer';
const LENGTHS = [1, 20, 100];

/** The quick run only proves the figure works, so it skips the longest chain. */
const QUICK_LENGTHS = [1, 20];
const TARGET = 'ratio ≤ 1.0 median, p99 ≤ 1.5× Node-RED p99';

interface ChainSamples {
  nodeRed: number[];
  flowscope: number[];
}

async function sampleChains(
  peer: NodeRedPeer,
  flowscope: FlowscopeRunner,
  length: number,
  context: FigureContext,
): Promise<[ChainSamples, ChainSamples]> {
  const graph = jsChainGraph(length);
  const sendNodeRed = async (chainLength: number) =>
    expectValue(await peer.send(chainLength), chainLength, 'Node-RED');
  const runFlowscope = async (chainGraph: typeof graph, chainLength: number) => {
    const result = await flowscope.preview(chainGraph, { payload: 0 });
    expectValue(result.output, chainLength, 'Flowscope');
  };
  const singleGraph = jsChainGraph(1);

  const [nodeRedSingle, nodeRedChain, flowscopeSingle, flowscopeChain] = await sampleInterleaved(
    [
      () => sendNodeRed(1),
      () => sendNodeRed(length),
      () => runFlowscope(singleGraph, 1),
      () => runFlowscope(graph, length),
    ],
    { warmupIterations: context.iterations(50, 5), iterations: context.iterations(400, 30) },
  );

  return [
    { nodeRed: nodeRedSingle!, flowscope: flowscopeSingle! },
    { nodeRed: nodeRedChain!, flowscope: flowscopeChain! },
  ];
}

function expectValue(value: unknown, expected: number, peerName: string): void {
  if (value !== expected) {
    throw new Error(
      `${peerName} chain of ${expected} returned ${JSON.stringify(value)}, expected ${expected}`,
    );
  }
}

function chainRows(
  length: number,
  single: ChainSamples,
  chain: ChainSamples,
  warmup: number,
): ResultRow[] {
  const perNode = (chainSamples: number[], singleSamples: number[]) =>
    pairwiseDifference(chainSamples, singleSamples, length - 1);

  const flowscope = measurement(
    `Flowscope, per js block`,
    perNode(chain.flowscope, single.flowscope),
    warmup,
  );
  const nodeRed = measurement(
    `Node-RED, per function node`,
    perNode(chain.nodeRed, single.nodeRed),
    warmup,
  );

  const singleRow = comparedRow({
    figure: NAME,
    label: `chain of 1 vs Node-RED (sampled with the chain of ${length})`,
    subject: measurement('Flowscope, 1 js block', single.flowscope, warmup),
    reference: measurement('Node-RED, 1 function node', single.nodeRed, warmup),
    target: 'context for the per-node row',
  });

  return [
    singleRow,
    comparedRow({
      figure: NAME,
      label: `chain of ${length} vs Node-RED: whole chain`,
      subject: measurement(`Flowscope, ${length} js blocks`, chain.flowscope, warmup),
      reference: measurement(`Node-RED, ${length} function nodes`, chain.nodeRed, warmup),
      target: 'context for the per-node row',
    }),
    comparedRow({
      figure: NAME,
      label: `chain of ${length} vs Node-RED: per node`,
      subject: flowscope,
      reference: nodeRed,
      target: TARGET,
      isMet: ({ ratio }) =>
        ratio !== undefined && ratio <= 1 && flowscope.summary.p99Ms <= 1.5 * nodeRed.summary.p99Ms,
    }),
  ];
}

export const nodeRedPeerFigure: Figure = {
  name: NAME,
  title: 'Node-RED peer: chain of N function nodes vs N js blocks',
  inQuick: true,
  async run(context) {
    const flowscope = await loadFlowscope();
    if (isMissing(flowscope)) {
      return [notMeasuredRow(NAME, 'chain of N js blocks vs Node-RED', TARGET, flowscope.missing)];
    }

    const lengths = context.quick ? QUICK_LENGTHS : LENGTHS;
    const peer = await startNodeRed(lengths, context.log);
    const rows: ResultRow[] = [];
    try {
      for (const length of lengths.filter((candidate) => candidate > 1)) {
        context.log(`chains of ${length}`);
        const [single, chain] = await sampleChains(peer, flowscope, length, context);
        rows.push(...chainRows(length, single, chain, context.iterations(50, 5)));
      }
    } finally {
      await peer.stop();
    }

    return rows;
  },
};
