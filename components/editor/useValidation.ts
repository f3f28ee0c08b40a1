'use client';

import { useEffect } from 'react';

import type { WorkflowGraph } from '@/engine/types';

import { validateGraphAction } from '@/app/workflows/[id]/actions';
import { useDebuggerStore } from '@/components/debugger/useDebuggerStore';
import { logClientError } from '@/components/ui/log-client-error';

/** Quiet time after the last edit before the graph is validated. */
export const VALIDATION_DEBOUNCE_MS = 350;

/**
 * Validates the graph with the engine's `validateGraph` (on the server, because it parses
 * expressions in the sandbox) whenever it changes, debounced, and stores the problems. A
 * response for a graph that has changed since is dropped.
 */
export function useValidation(): void {
  const store = useDebuggerStore();

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let validated: WorkflowGraph | null = null;

    const validate = async (graph: WorkflowGraph) => {
      const result = await validateGraphAction({ graph }).catch((error: unknown) => {
        logClientError('validation request failed', error);
        return null;
      });
      if (!result || store.getState().graph !== graph) return;
      if (result.ok) store.setProblems(result.problems);
      else logClientError('validation failed', result.error);
    };

    const schedule = () => {
      const { graph } = store.getState();
      if (graph === validated) return;
      validated = graph;
      clearTimeout(timer);
      timer = setTimeout(() => void validate(graph), VALIDATION_DEBOUNCE_MS);
    };

    schedule();
    const unsubscribe = store.subscribe(schedule);
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store]);
}
