'use client';

import { useCallback } from 'react';

import type { DebuggerState } from './debugger-state';
import { useDebuggerSelector } from './useDebuggerSelector';

/** Returns whether the canvas draws the block as selected, re-rendering only when that changes. */
export function useIsBlockSelected(blockId: string): boolean {
  const select = useCallback(
    (state: DebuggerState) => state.selectedBlockIds.has(blockId),
    [blockId],
  );

  return useDebuggerSelector(select);
}
