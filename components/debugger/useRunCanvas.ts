'use client';

import type { RunCanvasState } from '@/components/trace/block-badges';

import type { DebuggerState } from './debugger-state';
import { useDebuggerSelector } from './useDebuggerSelector';

const selectRunCanvas = (state: DebuggerState) => state.runCanvas;

/** Block states and taken edges of the active run, or null without one. */
export function useRunCanvas(): RunCanvasState | null {
  return useDebuggerSelector(selectRunCanvas);
}
