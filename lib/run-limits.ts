import type { RunLimits } from '../engine/types';
import type { AppConfig } from './config';

/** The engine's defaults, applied here so that the caps below see a number. */
export const DEFAULT_RUN_LIMITS: RunLimits = { maxExecutionTimeMs: 30_000, maxSteps: 1000 };

/**
 * Fills in the default limits and caps each one at the server maximum
 * (`FLOWSCOPE_MAX_EXECUTION_TIME_MS`, `FLOWSCOPE_MAX_STEPS`), whatever the request sets.
 */
export function capRunLimits(
  requested: Partial<RunLimits> | undefined,
  config: Pick<AppConfig, 'FLOWSCOPE_MAX_EXECUTION_TIME_MS' | 'FLOWSCOPE_MAX_STEPS'>,
): RunLimits {
  return {
    maxExecutionTimeMs: Math.min(
      requested?.maxExecutionTimeMs ?? DEFAULT_RUN_LIMITS.maxExecutionTimeMs,
      config.FLOWSCOPE_MAX_EXECUTION_TIME_MS,
    ),
    maxSteps: Math.min(
      requested?.maxSteps ?? DEFAULT_RUN_LIMITS.maxSteps,
      config.FLOWSCOPE_MAX_STEPS,
    ),
  };
}
