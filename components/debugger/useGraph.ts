'use client';

import type { WorkflowGraph } from '@/engine/types';

import type { DebuggerState } from './debugger-state';
import { useDebuggerSelector } from './useDebuggerSelector';

const selectGraph = (state: DebuggerState) => state.graph;

/** The editable graph, in the engine's format. */
export function useGraph(): WorkflowGraph {
  return useDebuggerSelector(selectGraph);
}
