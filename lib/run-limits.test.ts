import { describe, expect, it } from 'vitest';

import { capRunLimits } from './run-limits';

const config = { FLOWSCOPE_MAX_EXECUTION_TIME_MS: 120_000, FLOWSCOPE_MAX_STEPS: 5000 };

describe('capRunLimits', () => {
  it('applies the defaults when the request sets none', () => {
    expect(capRunLimits(undefined, config)).toEqual({ maxExecutionTimeMs: 30_000, maxSteps: 1000 });
  });

  it('keeps requested limits under the maximum', () => {
    expect(capRunLimits({ maxExecutionTimeMs: 5000, maxSteps: 10 }, config)).toEqual({
      maxExecutionTimeMs: 5000,
      maxSteps: 10,
    });
  });

  it('caps requested limits at the server maximum', () => {
    expect(capRunLimits({ maxExecutionTimeMs: 600_000, maxSteps: 1_000_000 }, config)).toEqual({
      maxExecutionTimeMs: 120_000,
      maxSteps: 5000,
    });
  });

  it('caps the defaults when the maximum is lower', () => {
    const strict = { FLOWSCOPE_MAX_EXECUTION_TIME_MS: 2000, FLOWSCOPE_MAX_STEPS: 50 };

    expect(capRunLimits({}, strict)).toEqual({ maxExecutionTimeMs: 2000, maxSteps: 50 });
  });
});
