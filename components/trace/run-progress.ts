import type { StepTrace } from '@/engine/types';

/**
 * Progress report of a run that has not finished: the steps recorded so far and the blocks that
 * have started but not yet recorded their step.
 */
export interface RunProgress {
  runId: string;
  steps: StepTrace[];
  /** Blocks running right now, innermost last (a loop and its body block can run together). */
  runningBlockIds: string[];
  /** True once the engine returned; the finished trace then comes from the run itself. */
  finished: boolean;
}

/** Creates an empty progress report, drawn when a run starts so no badge of an older run stays. */
export function emptyRunProgress(runId: string): RunProgress {
  return { runId, steps: [], runningBlockIds: [], finished: false };
}
