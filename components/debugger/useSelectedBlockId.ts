'use client';

import type { DebuggerState } from './debugger-state';
import { useDebuggerSelector } from './useDebuggerSelector';

const selectSelectedBlockId = (state: DebuggerState) => state.selectedBlockId;

/** The id of the selected block, or null. */
export function useSelectedBlockId(): string | null {
  return useDebuggerSelector(selectSelectedBlockId);
}
