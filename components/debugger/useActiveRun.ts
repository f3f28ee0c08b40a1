'use client';

import type { ActiveRun, DebuggerState } from './debugger-state';
import { useDebuggerSelector } from './useDebuggerSelector';

const selectActiveRun = (state: DebuggerState) => state.activeRun;

/** The run the canvas and the trace panels show, or null. */
export function useActiveRun(): ActiveRun | null {
  return useDebuggerSelector(selectActiveRun);
}
