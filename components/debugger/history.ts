/**
 * Undo and redo over the workflow graph, as a pure reducer. Every entry is a whole graph: the
 * graphs are small, and whole entries make undo of any edit, however it was made, trivial.
 */

import type { WorkflowGraph } from '@/engine/types';

/** Entries kept behind the present graph; older ones are dropped. */
export const MAX_HISTORY = 100;

export interface GraphHistory {
  past: WorkflowGraph[];
  present: WorkflowGraph;
  future: WorkflowGraph[];
  /** Key of the last commit; a commit with the same key replaces the present entry. */
  coalesceKey: string | null;
}

export type HistoryAction =
  | { type: 'commit'; graph: WorkflowGraph; coalesceKey?: string }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; graph: WorkflowGraph };

/** Starts a history whose present entry is `graph`, with nothing to undo or redo. */
export function createHistory(graph: WorkflowGraph): GraphHistory {
  return { past: [], present: graph, future: [], coalesceKey: null };
}

function commit(state: GraphHistory, graph: WorkflowGraph, coalesceKey?: string): GraphHistory {
  if (graph === state.present) return state;

  // Keystrokes in one field share a key, so they undo as one edit instead of one per character.
  const continuesEdit = coalesceKey !== undefined && coalesceKey === state.coalesceKey;
  if (continuesEdit) {
    return { ...state, present: graph, future: [] };
  }

  const past = [...state.past, state.present].slice(-MAX_HISTORY);
  return { past, present: graph, future: [], coalesceKey: coalesceKey ?? null };
}

/** Applies one history action; returns the same object when the action changes nothing. */
export function historyReducer(state: GraphHistory, action: HistoryAction): GraphHistory {
  switch (action.type) {
    case 'commit':
      return commit(state, action.graph, action.coalesceKey);

    case 'undo': {
      const previous = state.past.at(-1);
      if (!previous) return state;
      const future = [state.present, ...state.future];
      return { past: state.past.slice(0, -1), present: previous, future, coalesceKey: null };
    }

    case 'redo': {
      const next = state.future[0];
      if (!next) return state;
      const past = [...state.past, state.present];
      return { past, present: next, future: state.future.slice(1), coalesceKey: null };
    }

    case 'reset':
      return createHistory(action.graph);
  }
}

export function canUndo(state: GraphHistory): boolean {
  return state.past.length > 0;
}

export function canRedo(state: GraphHistory): boolean {
  return state.future.length > 0;
}
