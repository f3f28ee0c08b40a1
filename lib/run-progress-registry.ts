/**
 * In-memory progress of the runs this server process is executing, fed by the engine's
 * `onStepStart` and `onStep` callbacks and read by the browser's progress polls.
 *
 * NOTE: progress lives in this process only. With several server processes behind one address,
 * a poll that reaches another process gets no progress until the run's record is finished.
 */

import type { StepTrace } from '../engine/types';

interface LiveRun {
  tenantId: string;
  steps: StepTrace[];
  /** Started blocks without a recorded step yet, counted per block, in start order. */
  running: Map<string, number>;
}

export interface LiveProgress {
  steps: StepTrace[];
  stepCount: number;
  runningBlockIds: string[];
}

const globalForProgress = globalThis as typeof globalThis & {
  flowscopeLiveRuns?: Map<string, LiveRun>;
};

/** Kept on `globalThis` so that module reloads in development share one registry. */
function liveRuns(): Map<string, LiveRun> {
  globalForProgress.flowscopeLiveRuns ??= new Map();
  return globalForProgress.flowscopeLiveRuns;
}

/** Starts tracking a run; returns the callbacks to hand to the engine. */
export function trackRun(
  runId: string,
  tenantId: string,
): { onStepStart(blockId: string): void; onStep(step: StepTrace): void } {
  const live: LiveRun = { tenantId, steps: [], running: new Map() };
  liveRuns().set(runId, live);

  return {
    onStepStart(blockId) {
      live.running.set(blockId, (live.running.get(blockId) ?? 0) + 1);
    },
    onStep(step) {
      live.steps.push(step);

      const count = live.running.get(step.blockId) ?? 0;
      if (count <= 1) live.running.delete(step.blockId);
      else live.running.set(step.blockId, count - 1);
    },
  };
}

/** Stops tracking a run, once its record contains the finished result. */
export function untrackRun(runId: string): void {
  liveRuns().delete(runId);
}

/**
 * Returns the steps recorded after the first `afterStep` and the blocks running now, or null
 * when this process is not running that run for that tenant.
 */
export function readRunProgress(
  tenantId: string,
  runId: string,
  afterStep: number,
): LiveProgress | null {
  const live = liveRuns().get(runId);
  if (!live || live.tenantId !== tenantId) return null;

  return {
    steps: live.steps.slice(afterStep),
    stepCount: live.steps.length,
    runningBlockIds: [...live.running.keys()],
  };
}
