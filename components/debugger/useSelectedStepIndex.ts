'use client';

import type { DebuggerState } from './debugger-state';
import { useDebuggerSelector } from './useDebuggerSelector';

const selectSelectedStepIndex = (state: DebuggerState) => state.selectedStepIndex;

/** The index of the selected step of the active run, or null. */
export function useSelectedStepIndex(): number | null {
  return useDebuggerSelector(selectSelectedStepIndex);
}
