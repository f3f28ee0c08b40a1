'use client';

import { useCallback } from 'react';

import type { BlockRunState } from '@/components/trace/block-badges';

import type { DebuggerState } from './debugger-state';
import { useDebuggerSelector } from './useDebuggerSelector';

/** The active run's state of one block; re-renders only when that block's state changes. */
export function useBlockRunState(blockId: string): BlockRunState | undefined {
  const select = useCallback(
    (state: DebuggerState) => state.runCanvas?.blocks.get(blockId),
    [blockId],
  );
  return useDebuggerSelector(select);
}
