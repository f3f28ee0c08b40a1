'use client';

import type { DebuggerState } from './debugger-state';
import { useDebuggerSelector } from './useDebuggerSelector';

const selectIsDirty = (state: DebuggerState) => state.isDirty;

/** Whether the graph has changes that are not saved as a version. */
export function useIsDirty(): boolean {
  return useDebuggerSelector(selectIsDirty);
}
