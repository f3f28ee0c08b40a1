import { describe, expect, it } from 'vitest';

import type { StepTrace, WorkflowGraph } from '@/engine/types';

import { addBlock } from '@/components/canvas/graph-edits';

import { createDebuggerStore, type DebuggerStoreOptions } from './debugger-store';
import type { SaveOutcome } from './debugger-state';

const graph: WorkflowGraph = {
  nodes: [
    { id: 'start', type: 'input', position: { x: 0, y: 0 }, config: {} },
    { id: 'done', type: 'output', position: { x: 0, y: 100 }, config: { value: 'vars' } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'done' }],
};

function step(index: number, blockId: string): StepTrace {
  return { index, blockId, blockType: 'js', status: 'executed', startOffsetMs: 0, durationMs: 1 };
}

function makeStore(overrides: Partial<DebuggerStoreOptions> = {}) {
  const saved: WorkflowGraph[] = [];
  const store = createDebuggerStore({
    workflowId: 'wf',
    workflowName: 'Flow',
    version: { id: 'v1', number: 1 },
    latestVersionNumber: 1,
    graph,
    saveGraph: async (next): Promise<SaveOutcome> => {
      saved.push(next);
      return { ok: true, version: { id: `v${saved.length + 1}`, number: saved.length + 1 } };
    },
    ...overrides,
  });
  return { store, saved };
}

describe('debugger store', () => {
  it('marks edits dirty and clean again after undo', () => {
    const { store } = makeStore();

    store.commitGraph(addBlock(graph, 'js', { x: 0, y: 200 }).graph);
    expect(store.getState().isDirty).toBe(true);
    expect(store.getState().nodes).toHaveLength(3);

    store.undo();
    expect(store.getState().isDirty).toBe(false);
    expect(store.getState().nodes).toHaveLength(2);
  });

  it('keeps unchanged node objects across an edit', () => {
    const { store } = makeStore();
    const before = store.getState().nodes;

    store.commitGraph(addBlock(graph, 'js', { x: 0, y: 200 }).graph);

    expect(store.getState().nodes[0]).toBe(before[0]);
  });

  it('selects the latest step of a selected block and the block of a selected step', () => {
    const { store } = makeStore();
    const live = [step(0, 'start'), step(1, 'done'), step(2, 'start')];
    store.setActiveRun({ runId: 'r1', trace: null, live });

    store.selectBlock('start');
    expect(store.getState().selectedStepIndex).toBe(2);
    expect(store.getState().nodes.find((node) => node.id === 'start')!.selected).toBe(true);

    store.selectStep(1);
    expect(store.getState().selectedBlockId).toBe('done');
    expect(store.getState().nodes.find((node) => node.id === 'start')!.selected).toBe(false);
  });

  it('clears the step when the selected block did not run', () => {
    const { store } = makeStore();
    store.setActiveRun({ runId: 'r1', trace: null, live: [step(0, 'start')] });

    store.selectBlock('done');

    expect(store.getState().selectedStepIndex).toBeNull();
  });

  it('saves only when there are unsaved changes', async () => {
    const { store, saved } = makeStore();

    const unchanged = await store.save();
    store.commitGraph(addBlock(graph, 'js', { x: 0, y: 200 }).graph);
    const changed = await store.save();

    expect(unchanged).toEqual({ ok: true, version: { id: 'v1', number: 1 } });
    expect(changed).toEqual({ ok: true, version: { id: 'v2', number: 2 } });
    expect(saved).toHaveLength(1);
    expect(store.getState().isDirty).toBe(false);
    expect(store.getState().latestVersionNumber).toBe(2);
  });

  it('keeps the changes dirty when saving fails', async () => {
    const { store } = makeStore({
      saveGraph: async () => ({ ok: false, error: 'Saving failed: database unavailable.' }),
    });
    store.commitGraph(addBlock(graph, 'js', { x: 0, y: 200 }).graph);

    const outcome = await store.save();

    expect(outcome).toEqual({ ok: false, error: 'Saving failed: database unavailable.' });
    expect(store.getState().isDirty).toBe(true);
    expect(store.getState().saveError).toBe('Saving failed: database unavailable.');
  });

  it('ignores edits of a read-only version', () => {
    const { store } = makeStore({ readOnly: true });

    store.commitGraph(addBlock(graph, 'js', { x: 0, y: 200 }).graph);

    expect(store.getState().graph).toBe(graph);
  });

  it('draws a step selection at once and flags React Flow later', () => {
    const syncs: Array<() => void> = [];
    const { store } = makeStore({ scheduleCanvasSync: (sync) => syncs.push(sync) });
    store.setActiveRun({ runId: 'r1', trace: null, live: [step(0, 'start'), step(1, 'done')] });

    store.selectStep(1);
    const flagged = () => store.getState().nodes.filter((node) => node.selected);

    expect(store.getState().selectedBlockIds).toEqual(new Set(['done']));
    expect(flagged()).toEqual([]);
    expect(syncs).toHaveLength(1);

    syncs[0]!();
    expect(flagged().map((node) => node.id)).toEqual(['done']);
  });

  it('schedules one sync for several selections', () => {
    const syncs: Array<() => void> = [];
    const { store } = makeStore({ scheduleCanvasSync: (sync) => syncs.push(sync) });

    store.selectBlock('start');
    store.selectBlock('done');
    syncs[0]!();

    expect(syncs).toHaveLength(1);
    expect(
      store
        .getState()
        .nodes.filter((node) => node.selected)
        .map((node) => node.id),
    ).toEqual(['done']);
  });

  it('keeps a canvas selection made before a late sync', () => {
    const syncs: Array<() => void> = [];
    const { store } = makeStore({ scheduleCanvasSync: (sync) => syncs.push(sync) });
    store.selectBlock('done');

    const boxed = store.getState().nodes.map((node) => ({ ...node, selected: true }));
    store.setFlow(boxed, store.getState().edges);
    store.selectBlock('start', { fromCanvas: true });
    syncs[0]!();

    expect(store.getState().nodes.every((node) => node.selected)).toBe(true);
    expect(store.getState().selectedBlockIds).toEqual(new Set(['start', 'done']));
  });

  it('forgets selected blocks that an edit removed', () => {
    const { store } = makeStore();
    const added = addBlock(graph, 'js', { x: 0, y: 200 });
    store.commitGraph(added.graph);
    store.selectBlock(added.id);

    store.undo();

    expect(store.getState().selectedBlockId).toBeNull();
    expect(store.getState().selectedBlockIds.size).toBe(0);
  });

  it('clears the selection when another version opens', () => {
    const { store } = makeStore();
    store.selectBlock('start');

    store.loadVersion({ id: 'v0', number: 1 }, graph, true);

    expect(store.getState().selectedBlockIds.size).toBe(0);
  });

  it('notifies subscribers only when the state changes', () => {
    const { store } = makeStore();
    let calls = 0;
    store.subscribe(() => (calls += 1));

    store.selectBlock(null);
    store.selectBlock('start');

    expect(calls).toBe(1);
  });
});
