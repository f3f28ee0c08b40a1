/**
 * A small run that a worker executes once before it reports ready. The first run in a new
 * process compiles the engine's code and prepares the sandbox's spare isolates, so the warm-up
 * takes that time before any user waits for a run.
 */

import { runGraph } from '../../engine';
import type { DataAccess } from '../../engine/data';
import type { GraphEdge, GraphNode, RunStatus, WorkflowGraph } from '../../engine/types';

function warmUpBlock(id: string, type: GraphNode['type'], config: object): GraphNode {
  return { id, type, config } as GraphNode;
}

function edge(source: string, target: string, label?: string): GraphEdge {
  return { id: `${source}->${target}`, source, target, ...(label ? { label } : {}) };
}

/** Input, two js blocks, a branch and an output: the sandbox's single and chained calls. */
const WARM_UP_GRAPH: WorkflowGraph = {
  nodes: [
    warmUpBlock('start', 'input', {}),
    warmUpBlock('double', 'js', { code: 'return input.n * 2;', outputKey: 'doubled' }),
    warmUpBlock('describe', 'js', { code: 'return { n: vars.doubled };', outputKey: 'summary' }),
    warmUpBlock('isLarge', 'branch', { condition: 'vars.summary.n > 1' }),
    warmUpBlock('done', 'output', { value: 'vars.summary' }),
  ],
  edges: [
    edge('start', 'double'),
    edge('double', 'describe'),
    edge('describe', 'isLarge'),
    edge('isLarge', 'done', 'true'),
  ],
};

function noDataAccess(): Promise<never> {
  return Promise.reject(new Error('The warm-up run has no data access'));
}

const NO_DATA: DataAccess = {
  findTable: noDataAccess,
  queryRows: noDataAccess,
  findRow: noDataAccess,
  insertRow: noDataAccess,
  updateRow: noDataAccess,
  deleteRow: noDataAccess,
};

/**
 * Runs the warm-up graph in preview and returns the run's status. It uses the engine's default
 * sandbox settings, which are the server's too unless configured otherwise.
 */
export async function warmUpEngine(): Promise<RunStatus> {
  const result = await runGraph({
    workflowVersion: { id: 'warm-up', workflowId: 'warm-up', graph: WARM_UP_GRAPH },
    inputJson: { n: 1 },
    tenantId: 'warm-up',
    executionMode: 'preview',
    options: { runId: 'warm-up' },
    context: { data: NO_DATA },
  });

  return result.status;
}
