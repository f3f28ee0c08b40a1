import type { StepTrace } from '../../engine/types';
import type { CommandIo } from './cli-io';

/** Writes one stderr line per recorded step: index, block, iteration, status and timing. */
export function writeStepProgress(io: CommandIo, step: StepTrace): void {
  const iteration = step.iteration === undefined ? '' : ` #${step.iteration}`;
  const status =
    step.status === 'skipped'
      ? `skipped (${step.skipReason})`
      : step.status === 'error'
        ? `error: ${step.error}`
        : step.cacheHit
          ? 'executed (cache hit)'
          : 'executed';

  io.stderr.write(
    `step ${step.index} ${step.blockType} "${step.blockId}"${iteration}: ${status}, ${step.durationMs.toFixed(1)} ms\n`,
  );
}
