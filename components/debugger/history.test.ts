import { describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '@/engine/types';

import { canRedo, canUndo, createHistory, historyReducer, MAX_HISTORY } from './history';

function graphWith(name: string): WorkflowGraph {
  return { nodes: [{ id: name, type: 'output', config: { value: name } }], edges: [] };
}

describe('history reducer', () => {
  it('undoes and redoes commits in order', () => {
    const a = graphWith('a');
    const b = graphWith('b');
    const c = graphWith('c');
    let state = createHistory(a);

    state = historyReducer(state, { type: 'commit', graph: b });
    state = historyReducer(state, { type: 'commit', graph: c });
    state = historyReducer(state, { type: 'undo' });

    expect(state.present).toBe(b);
    state = historyReducer(state, { type: 'undo' });
    expect(state.present).toBe(a);
    expect(canUndo(state)).toBe(false);
    state = historyReducer(state, { type: 'redo' });
    expect(state.present).toBe(b);
    expect(canRedo(state)).toBe(true);
  });

  it('drops the redo entries on a new commit', () => {
    let state = createHistory(graphWith('a'));
    state = historyReducer(state, { type: 'commit', graph: graphWith('b') });
    state = historyReducer(state, { type: 'undo' });

    state = historyReducer(state, { type: 'commit', graph: graphWith('c') });

    expect(canRedo(state)).toBe(false);
    expect(state.past).toHaveLength(1);
  });

  it('coalesces commits that share a key', () => {
    const a = graphWith('a');
    let state = createHistory(a);

    state = historyReducer(state, { type: 'commit', graph: graphWith('b'), coalesceKey: 'name' });
    state = historyReducer(state, { type: 'commit', graph: graphWith('bc'), coalesceKey: 'name' });
    state = historyReducer(state, { type: 'undo' });

    expect(state.present).toBe(a);
  });

  it('starts a new entry when the key changes', () => {
    let state = createHistory(graphWith('a'));

    state = historyReducer(state, { type: 'commit', graph: graphWith('b'), coalesceKey: 'x' });
    state = historyReducer(state, { type: 'commit', graph: graphWith('c'), coalesceKey: 'y' });

    expect(state.past).toHaveLength(2);
  });

  it('does not coalesce across an undo', () => {
    let state = createHistory(graphWith('a'));
    state = historyReducer(state, { type: 'commit', graph: graphWith('b'), coalesceKey: 'x' });
    state = historyReducer(state, { type: 'undo' });

    state = historyReducer(state, { type: 'commit', graph: graphWith('c'), coalesceKey: 'x' });

    expect(state.past).toHaveLength(1);
    expect(state.past[0]!.nodes[0]!.id).toBe('a');
  });

  it('returns the same state for no-op actions', () => {
    const a = graphWith('a');
    const state = createHistory(a);

    expect(historyReducer(state, { type: 'undo' })).toBe(state);
    expect(historyReducer(state, { type: 'redo' })).toBe(state);
    expect(historyReducer(state, { type: 'commit', graph: a })).toBe(state);
  });

  it('keeps at most MAX_HISTORY past entries', () => {
    let state = createHistory(graphWith('start'));

    for (let i = 0; i < MAX_HISTORY + 10; i += 1) {
      state = historyReducer(state, { type: 'commit', graph: graphWith(`g${i}`) });
    }

    expect(state.past).toHaveLength(MAX_HISTORY);
    expect(state.past[0]!.nodes[0]!.id).toBe('g9');
  });

  it('reset clears both stacks', () => {
    let state = createHistory(graphWith('a'));
    state = historyReducer(state, { type: 'commit', graph: graphWith('b') });
    const fresh = graphWith('fresh');

    state = historyReducer(state, { type: 'reset', graph: fresh });

    expect(state.present).toBe(fresh);
    expect(canUndo(state)).toBe(false);
  });
});
