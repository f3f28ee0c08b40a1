'use client';

import { useCallback } from 'react';

import type { DebuggerState } from './debugger-state';
import { useDebuggerSelector } from './useDebuggerSelector';

/** The validation messages of one block joined into one string, or null when it has none. */
export function useBlockProblem(blockId: string): string | null {
  const select = useCallback(
    (state: DebuggerState) => {
      const messages = state.problems.filter((problem) => problem.blockId === blockId);
      return messages.length > 0 ? messages.map((problem) => problem.message).join('\n') : null;
    },
    [blockId],
  );

  return useDebuggerSelector(select);
}
