/**
 * Maps a run (a finished trace or the progress of a running one) to what the canvas draws: one
 * state per block that the run reached, and the edges it took. Pure, so it is unit-tested and
 * recomputed only when the run changes.
 */

import type { ExecutionTrace, GraphEdge, StepTrace, WorkflowGraph } from '@/engine/types';

import type { RunProgress } from './run-progress';

export type BlockRunStatus = 'running' | 'done' | 'skipped' | 'error';

export interface BlockRunState {
  status: BlockRunStatus;
  /** The block type as the trace records it; undefined until the block's first step. */
  blockType?: string;
  /** The block's own time; for a loop, its step, which covers every iteration. */
  durationMs: number;
  dbTimeMs: number;
  jsTimeMs: number;
  httpTimeMs: number;
  /** Steps of this block: more than one for a block inside a loop body. */
  stepCount: number;
  /** Steps whose query came from the run's cache. */
  cacheHits: number;
  /** Steps that were skipped, and the reason of the latest one. */
  skippedCount: number;
  skipReason?: string;
  /** The block's value was reused from a replay's checkpoint. */
  snapshot: boolean;
  /** A write or request of this block was staged instead of committed or sent. */
  staged: boolean;
  errorMessage?: string;
  /** Iterations run so far, for loop blocks. */
  iterations?: number;
  /** Index of the block's latest step, to select it from the canvas. */
  latestStepIndex?: number;
}

export interface RunCanvasState {
  blocks: Map<string, BlockRunState>;
  takenEdgeIds: Set<string>;
  /** Edges whose source settled without taking them; drawn dimmed. */
  untakenEdgeIds: Set<string>;
}

export const SNAPSHOT_SKIP_REASON = 'snapshot satisfied (cached output)';
export const CONDITION_SKIP_REASON = 'condition false';
export const BRANCH_SKIP_REASON = 'branch not taken';

/**
 * Skips after which a block's outgoing edges are not taken. A block skipped for any other reason
 * (condition false, idempotency guard, snapshot) still lets the run flow on, as in the engine.
 */
const BLOCKING_SKIP_REASONS = new Set([BRANCH_SKIP_REASON]);

export type RunSource = ExecutionTrace | RunProgress;

function isProgress(source: RunSource): source is RunProgress {
  return 'runningBlockIds' in source;
}

function emptyState(): BlockRunState {
  return {
    status: 'done',
    durationMs: 0,
    dbTimeMs: 0,
    jsTimeMs: 0,
    httpTimeMs: 0,
    stepCount: 0,
    cacheHits: 0,
    skippedCount: 0,
    snapshot: false,
    staged: false,
  };
}

function addStep(state: BlockRunState, step: StepTrace): void {
  state.stepCount += 1;
  state.blockType = step.blockType;
  state.durationMs += step.durationMs;
  state.dbTimeMs += step.dbTimeMs ?? 0;
  state.jsTimeMs += step.jsTimeMs ?? 0;
  state.httpTimeMs += step.httpTimeMs ?? 0;
  state.latestStepIndex = Math.max(state.latestStepIndex ?? -1, step.index);

  if (step.cacheHit) state.cacheHits += 1;
  if (step.sideEffects?.staged) state.staged = true;

  if (step.status === 'skipped') {
    state.skippedCount += 1;
    state.skipReason = step.skipReason;
    if (step.skipReason === SNAPSHOT_SKIP_REASON) state.snapshot = true;
  }

  if (step.status === 'error') state.errorMessage = step.error;
}

function settleStatus(state: BlockRunState): BlockRunStatus {
  if (state.errorMessage !== undefined) return 'error';
  if (state.skippedCount === state.stepCount) return 'skipped';
  return 'done';
}

function loopIterations(loopId: string, steps: StepTrace[], graph?: WorkflowGraph): number {
  const bodyIds = new Set(
    (graph?.nodes ?? []).filter((node) => node.parentId === loopId).map((node) => node.id),
  );
  const iterations = new Set<number>();

  for (const step of steps) {
    if (bodyIds.has(step.blockId) && step.iteration !== undefined) iterations.add(step.iteration);
  }

  return iterations.size;
}

function collectBlockStates(
  steps: StepTrace[],
  runningBlockIds: string[],
  graph?: WorkflowGraph,
): Map<string, BlockRunState> {
  const blocks = new Map<string, BlockRunState>();

  for (const step of steps) {
    const state = blocks.get(step.blockId) ?? emptyState();
    addStep(state, step);
    blocks.set(step.blockId, state);
  }

  for (const [blockId, state] of blocks) {
    state.status = settleStatus(state);
    if (state.blockType === 'loop') state.iterations = loopIterations(blockId, steps, graph);
  }

  for (const blockId of runningBlockIds) {
    const state = blocks.get(blockId) ?? emptyState();
    state.status = 'running';
    blocks.set(blockId, state);
  }

  addRunningLoopIterations(blocks, steps, graph);
  return blocks;
}

/** Counts the iterations of running loops from their body steps, because they have no step yet. */
function addRunningLoopIterations(
  blocks: Map<string, BlockRunState>,
  steps: StepTrace[],
  graph?: WorkflowGraph,
): void {
  for (const node of graph?.nodes ?? []) {
    const state = blocks.get(node.id);
    if (node.type === 'loop' && state?.status === 'running') {
      state.blockType = 'loop';
      state.iterations = loopIterations(node.id, steps, graph);
    }
  }
}

/** Reads the branch decision of a branch block's step; undefined when the step has none. */
function branchDecision(step: StepTrace): string | undefined {
  const output = step.output;
  if (typeof output === 'boolean') return String(output);

  if (typeof output === 'object' && output !== null && 'result' in output) {
    const result = (output as { result: unknown }).result;
    if (typeof result === 'boolean') return String(result);
  }

  return undefined;
}

function stepTakesEdge(step: StepTrace, edge: GraphEdge): boolean {
  if (step.status === 'error') return false;
  if (step.status === 'skipped' && BLOCKING_SKIP_REASONS.has(step.skipReason ?? '')) return false;

  const isBranch = step.blockType === 'branch';
  if (!isBranch || step.status !== 'executed') return true;

  return branchDecision(step) === edge.label;
}

function groupStepsByBlock(steps: StepTrace[]): Map<string, StepTrace[]> {
  const groups = new Map<string, StepTrace[]>();

  for (const step of steps) {
    const group = groups.get(step.blockId);
    if (group) group.push(step);
    else groups.set(step.blockId, [step]);
  }

  return groups;
}

function classifyEdges(
  steps: StepTrace[],
  blocks: Map<string, BlockRunState>,
  graph?: WorkflowGraph,
): Pick<RunCanvasState, 'takenEdgeIds' | 'untakenEdgeIds'> {
  const takenEdgeIds = new Set<string>();
  const untakenEdgeIds = new Set<string>();
  const stepsByBlock = groupStepsByBlock(steps);

  for (const edge of graph?.edges ?? []) {
    const sourceSteps = stepsByBlock.get(edge.source) ?? [];
    const sourceSettled = sourceSteps.length > 0 && blocks.get(edge.source)?.status !== 'running';

    if (sourceSteps.some((step) => stepTakesEdge(step, edge))) takenEdgeIds.add(edge.id);
    else if (sourceSettled) untakenEdgeIds.add(edge.id);
  }

  return { takenEdgeIds, untakenEdgeIds };
}

/**
 * Maps a run to the state of each block it reached and the edges it took. Blocks the run never
 * reached have no entry, so they show no badge. An empty progress report (a run that just
 * started) maps to no entries at all, which clears the badges of the previous run.
 *
 * `graph` supplies the edges and the loop bodies; without it, edges and loop iteration counts are
 * left empty.
 */
export function traceToBlockStates(source: RunSource, graph?: WorkflowGraph): RunCanvasState {
  const runningBlockIds = isProgress(source) && !source.finished ? source.runningBlockIds : [];
  const blocks = collectBlockStates(source.steps, runningBlockIds, graph);

  return { blocks, ...classifyEdges(source.steps, blocks, graph) };
}
