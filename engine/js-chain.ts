/**
 * Chains of `js` blocks: consecutive blocks of a scope that need no work on the server between
 * them run in one sandbox call (`RunSandbox.runScriptChain`), which times each block inside the
 * isolate. Each block still gets its own step, with the same output, logs and assignment as when
 * it runs alone.
 */

import type { Frame } from './block-context';
import { deepFreeze } from './canonical-json';
import type { RunState } from './run-state';
import type { ChainedScriptResult } from './sandbox/types';
import { addAssignment, isSnapshotSatisfied, notifyStepStart, outputKeyOf } from './step-runner';
import type { GraphEdge, GraphNode } from './types';

/** Chains shorter than this run block by block, which costs the same for a single block. */
const MIN_CHAIN_LENGTH = 2;

export interface ChainedStep {
  node: GraphNode<'js'>;
  /** Set when the block assigned its outputKey. */
  assigned?: { value: unknown };
}

/**
 * Returns the blocks of `scopeNodes`, from `start` on, that can run as one chain. The block at
 * `start` is reached. Each later one must be a `js` block like it, and reached once the blocks
 * before it in the chain have run: no incoming edges, one taken already, or one from the chain.
 * A block with a `condition`, one that a snapshot's checkpoint satisfies, or one past the step
 * limit ends the chain. Returns an empty list when fewer than two blocks qualify.
 */
export function collectChain(
  run: RunState,
  scopeNodes: readonly GraphNode[],
  start: number,
  edgeTaken: ReadonlyMap<string, boolean>,
): GraphNode<'js'>[] {
  const maxLength = run.budget.stepsLeft();
  const chain: GraphNode<'js'>[] = [];
  const members = new Set<string>();

  for (let position = start; position < scopeNodes.length; position++) {
    const node = scopeNodes[position]!;
    if (chain.length >= maxLength || !isChainable(run, node)) break;
    if (position > start && !isReached(run.graph.incoming.get(node.id), edgeTaken, members)) break;

    chain.push(node);
    members.add(node.id);
  }
  return chain.length >= MIN_CHAIN_LENGTH ? chain : [];
}

function isChainable(run: RunState, node: GraphNode): node is GraphNode<'js'> {
  if (node.type !== 'js') return false;

  const condition = (node as GraphNode<'js'>).config.condition;
  const hasCondition = condition !== undefined && condition !== '';
  return !hasCondition && !isSnapshotSatisfied(run, node);
}

function isReached(
  incoming: readonly GraphEdge[] | undefined,
  edgeTaken: ReadonlyMap<string, boolean>,
  members: ReadonlySet<string>,
): boolean {
  if (incoming === undefined || incoming.length === 0) return true;
  return incoming.some((edge) => edgeTaken.get(edge.id) === true || members.has(edge.source));
}

/**
 * Runs a chain and records a step for each block that finished, in order. Returns those blocks;
 * the caller runs the rest one at a time, which reports the failure that stopped the chain. A run
 * whose time is up, or a sandbox that fails to run the chain, runs none, for the same reason.
 */
export async function runChain(
  run: RunState,
  chain: readonly GraphNode<'js'>[],
  frame: Frame,
): Promise<ChainedStep[]> {
  const { budget, sandbox } = run;
  if (budget.isTimeUp()) return [];

  const timeoutMs = Math.min(...chain.map((node) => budget.callTimeoutMs(node.config.timeoutMs)));
  const steps = chain.map((node) => ({
    code: node.config.code,
    blockId: node.id,
    assignTo: node.config.outputKey,
  }));
  let results;
  try {
    results = await sandbox.runScriptChain(steps, frame.locals, { timeoutMs });
  } catch (error) {
    const blockIds = chain.map((node) => node.id);
    run.logger?.debug?.({ err: error, runId: run.runId, blockIds }, 'js chain failed to run');
    return [];
  }

  return results.map((result, index) => recordChainedStep(run, chain[index]!, frame, result));
}

function recordChainedStep(
  run: RunState,
  node: GraphNode<'js'>,
  frame: Frame,
  result: ChainedScriptResult,
): ChainedStep {
  try {
    run.budget.startStep();
  } catch (error) {
    run.failedBlockId ??= node.id;
    throw error;
  }
  notifyStepStart(run, node, frame);

  const step = run.recorder.startStep(node.id, node.type, frame.iteration, result.startedAt);
  step.jsTimeMs = result.jsTimeMs;
  const value = deepFreeze(result.value ?? null);
  const outputKey = outputKeyOf(node);
  if (outputKey !== undefined) run.vars[outputKey] = value;

  const outcome = { status: 'executed' as const, output: value, logs: result.logs };
  const trace = run.recorder.finishStep(step, outcome, result.finishedAt);
  if (outputKey === undefined) return { node };

  addAssignment(run, { stepIndex: trace.index, key: outputKey, value });
  return { node, assigned: { value } };
}
