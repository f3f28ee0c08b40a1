/**
 * Runs the Node-RED peer's Flowscope side alone, a chain of js blocks through `runGraph` in
 * preview, for a CPU profile:
 *
 *   node --no-node-snapshot --cpu-prof --cpu-prof-dir bench/.cache/profiles \
 *     --import tsx bench/profile/js-chain.ts [LENGTH] [RUNS]
 *   node --import tsx bench/profile/summarize.ts bench/.cache/profiles/<file>.cpuprofile
 */

import { isMissing } from '../support/engine-modules';
import { loadFlowscope } from '../support/flowscope';
import { jsChainGraph } from '../support/workflows';

const length = Number(process.argv[2] ?? 100);
const runs = Number(process.argv[3] ?? 300);

const flowscope = await loadFlowscope();
if (isMissing(flowscope)) throw new Error(flowscope.missing);

const graph = jsChainGraph(length);
const start = performance.now();
for (let index = 0; index < runs; index++) await flowscope.preview(graph, { payload: 0 });

const perRunMs = (performance.now() - start) / runs;
process.stdout.write(`${runs} runs of ${length} js blocks: ${perRunMs.toFixed(3)} ms per run\n`);
