'use client';

import { useCallback } from 'react';

import type { DebuggerState } from '@/components/debugger/debugger-state';
import { useDebuggerSelector } from '@/components/debugger/useDebuggerSelector';

/** CSS modifier of a block's status in the active run (`is-running`, `is-error`, …), or ''. */
export function useBlockStatusClass(blockId: string): string {
  const select = useCallback(
    (state: DebuggerState) => {
      const status = state.runCanvas?.blocks.get(blockId)?.status;
      return status ? `is-${status}` : '';
    },
    [blockId],
  );

  return useDebuggerSelector(select);
}
