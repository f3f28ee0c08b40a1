import type { StepTrace } from '@/engine/types';

import type { ActiveRun } from './debugger-state';

/** The steps of a run: the finished trace's, or the progress so far while it runs. */
export function stepsOf(run: ActiveRun | null): StepTrace[] {
  if (!run) return [];
  return run.trace?.steps ?? run.live;
}

/** Index of the last step of `blockId`, or null when the block has no step in the run. */
export function latestStepIndex(steps: StepTrace[], blockId: string): number | null {
  let latest: number | null = null;

  for (const step of steps) {
    if (step.blockId === blockId && (latest === null || step.index > latest)) latest = step.index;
  }

  return latest;
}

/** The step with `index`, or undefined. */
export function findStep(steps: StepTrace[], index: number): StepTrace | undefined {
  return steps.find((step) => step.index === index);
}
