'use client';

import type { ValidationProblem } from '@/engine/types';

import type { DebuggerState } from './debugger-state';
import { useDebuggerSelector } from './useDebuggerSelector';

const selectProblems = (state: DebuggerState) => state.problems;

/** The validation problems of the current graph; runs are blocked while any exist. */
export function useProblems(): ValidationProblem[] {
  return useDebuggerSelector(selectProblems);
}
