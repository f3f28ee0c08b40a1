/**
 * The state the editor and the debugger share: the graph under edit, the selection, the active
 * run and the validation problems, with the actions that change them.
 */

import type { ValidationProblem, WorkflowGraph } from '@/engine/types';

import type { FlowEdge, FlowNode } from '@/components/canvas/flow-types';
import { reconcileEdges, reconcileNodes } from '@/components/canvas/flow-sync';
import { graphToFlow } from '@/components/canvas/graph-convert';

import type {
  ActiveRun,
  DebuggerState,
  SaveGraph,
  SaveOutcome,
  VersionRef,
} from './debugger-state';
import { computeRunCanvas } from './run-canvas';
import { createHistory, historyReducer, type HistoryAction } from './history';
import { findStep, latestStepIndex, stepsOf } from './step-selection';
import { createStore, type StoreApi } from './store';

export interface DebuggerActions {
  /** Records an edit of the graph; edits with the same `coalesceKey` in a row undo as one. */
  commitGraph(graph: WorkflowGraph, coalesceKey?: string): void;
  /** Replaces canvas-only state: positions during a drag, measured sizes, selection flags. */
  setFlow(nodes: FlowNode[], edges: FlowEdge[]): void;
  undo(): void;
  redo(): void;
  /**
   * Selects a block and its latest step in the active run. `fromCanvas` keeps React Flow's own
   * selection flags, which already reflect the click or the selection box.
   */
  selectBlock(blockId: string | null, options?: { fromCanvas?: boolean }): void;
  /** Selects a step of the active run and its block. */
  selectStep(index: number | null): void;
  setActiveRun(run: ActiveRun | null): void;
  setProblems(problems: ValidationProblem[]): void;
  /** Opens a saved version; `readOnly` for an older one. Clears undo history. */
  loadVersion(version: VersionRef, graph: WorkflowGraph, readOnly: boolean): void;
  /** Saves the graph as a new version when it has unsaved changes; returns the version to run. */
  save(): Promise<SaveOutcome>;
}

export type DebuggerStore = StoreApi<DebuggerState> & DebuggerActions;

export interface DebuggerStoreOptions {
  workflowId: string;
  workflowName: string;
  version: VersionRef | null;
  latestVersionNumber: number;
  graph: WorkflowGraph;
  readOnly?: boolean;
  activeRun?: ActiveRun | null;
  saveGraph: SaveGraph;
  /**
   * Scheduler of the update of React Flow's `selected` flags after a selection made outside the
   * canvas. React Flow re-runs the selectors of every node and edge for it, so the workbench runs
   * it once the selection has painted. Without this option the update runs at once.
   */
  scheduleCanvasSync?: (sync: () => void) => void;
}

const NO_BLOCKS: ReadonlySet<string> = new Set();

function blockIdsOf(blockId: string | null): ReadonlySet<string> {
  return blockId === null ? NO_BLOCKS : new Set([blockId]);
}

/** Ids of the nodes React Flow marks as selected. */
function flaggedNodeIds(nodes: FlowNode[]): ReadonlySet<string> {
  const ids = nodes.filter((node) => node.selected).map((node) => node.id);
  return ids.length === 0 ? NO_BLOCKS : new Set(ids);
}

export function createInitialState(options: DebuggerStoreOptions): DebuggerState {
  const { nodes, edges } = graphToFlow(options.graph);

  return {
    workflowId: options.workflowId,
    workflowName: options.workflowName,
    version: options.version,
    latestVersionNumber: options.latestVersionNumber,
    readOnly: options.readOnly ?? false,
    loadCount: 0,
    graph: options.graph,
    nodes,
    edges,
    history: createHistory(options.graph),
    savedGraphJson: JSON.stringify(options.graph),
    isDirty: false,
    saving: false,
    saveError: null,
    selectedBlockId: null,
    selectedBlockIds: NO_BLOCKS,
    selectedStepIndex: null,
    activeRun: options.activeRun ?? null,
    runCanvas: computeRunCanvas(options.activeRun ?? null, options.graph, null),
    problems: [],
    validating: true,
  };
}

/** Sets React Flow's `selected` flag on exactly the node `blockId`, copying only nodes that change. */
export function markSelected(nodes: FlowNode[], blockId: string | null): FlowNode[] {
  let changed = false;
  const next = nodes.map((node) => {
    const selected = node.id === blockId;
    if ((node.selected ?? false) === selected) return node;
    changed = true;
    return { ...node, selected };
  });

  return changed ? next : nodes;
}

export function createDebuggerStore(options: DebuggerStoreOptions): DebuggerStore {
  const store = createStore<DebuggerState>(createInitialState(options));
  const { getState, setState } = store;
  // True from a selection made outside the canvas until React Flow's flags follow it.
  let canvasSyncPending = false;

  function syncCanvasSelection(): void {
    if (!canvasSyncPending) return;
    canvasSyncPending = false;

    const { nodes, selectedBlockId } = getState();
    setState({ nodes: markSelected(nodes, selectedBlockId) });
  }

  function showGraph(graph: WorkflowGraph, history: DebuggerState['history']): void {
    const state = getState();
    const selectedBlockId = graph.nodes.some((node) => node.id === state.selectedBlockId)
      ? state.selectedBlockId
      : null;

    const selectedBlockIds = new Set(
      [...state.selectedBlockIds].filter((id) => graph.nodes.some((node) => node.id === id)),
    );

    setState({
      graph,
      history,
      nodes: reconcileNodes(state.nodes, graph),
      edges: reconcileEdges(state.edges, graph),
      isDirty: JSON.stringify(graph) !== state.savedGraphJson,
      selectedBlockId,
      selectedBlockIds:
        selectedBlockIds.size === state.selectedBlockIds.size
          ? state.selectedBlockIds
          : selectedBlockIds,
      saveError: null,
      runCanvas: computeRunCanvas(state.activeRun, graph, state.runCanvas),
    });
  }

  function applyHistory(action: HistoryAction): void {
    const state = getState();
    if (state.readOnly) return;

    const history = historyReducer(state.history, action);
    if (history !== state.history) showGraph(history.present, history);
  }

  function selectBlock(blockId: string | null, selectOptions?: { fromCanvas?: boolean }): void {
    const state = getState();
    const steps = stepsOf(state.activeRun);
    const selectedStepIndex = blockId ? latestStepIndex(steps, blockId) : null;

    if (selectOptions?.fromCanvas) {
      canvasSyncPending = false;
      setState({
        selectedBlockId: blockId,
        selectedBlockIds: flaggedNodeIds(state.nodes),
        selectedStepIndex,
      });
      return;
    }

    showSelection(blockId, selectedStepIndex);
  }

  function selectStep(index: number | null): void {
    const state = getState();
    const step = index === null ? undefined : findStep(stepsOf(state.activeRun), index);
    const blockId = step?.blockId ?? state.selectedBlockId;

    showSelection(blockId, step ? index : null);
  }

  /** Selects a block chosen outside the canvas. React Flow's flags follow through the scheduler. */
  function showSelection(blockId: string | null, selectedStepIndex: number | null): void {
    const state = getState();
    const isSameBlock =
      blockId === state.selectedBlockId && state.selectedBlockIds.size === (blockId ? 1 : 0);
    const selection = {
      selectedBlockId: blockId,
      selectedBlockIds: isSameBlock ? state.selectedBlockIds : blockIdsOf(blockId),
      selectedStepIndex,
    };

    if (!options.scheduleCanvasSync) {
      setState({ ...selection, nodes: markSelected(state.nodes, blockId) });
      return;
    }

    setState(selection);
    if (canvasSyncPending) return;
    canvasSyncPending = true;
    options.scheduleCanvasSync(syncCanvasSelection);
  }

  function setActiveRun(run: ActiveRun | null): void {
    const { selectedBlockId, graph, runCanvas } = getState();
    const steps = stepsOf(run);
    const selectedStepIndex = selectedBlockId ? latestStepIndex(steps, selectedBlockId) : null;

    setState({
      activeRun: run,
      selectedStepIndex,
      runCanvas: computeRunCanvas(run, graph, runCanvas),
    });
  }

  function loadVersion(version: VersionRef, graph: WorkflowGraph, readOnly: boolean): void {
    const { nodes, edges } = graphToFlow(graph);

    setState((state) => ({
      version,
      latestVersionNumber: Math.max(state.latestVersionNumber, version.number),
      readOnly,
      loadCount: state.loadCount + 1,
      graph,
      nodes,
      edges,
      history: createHistory(graph),
      savedGraphJson: JSON.stringify(graph),
      isDirty: false,
      selectedBlockId: null,
      selectedBlockIds: NO_BLOCKS,
      selectedStepIndex: null,
      problems: [],
      validating: true,
      runCanvas: computeRunCanvas(state.activeRun, graph, state.runCanvas),
    }));
  }

  async function save(): Promise<SaveOutcome> {
    const state = getState();
    if (!state.isDirty && state.version) return { ok: true, version: state.version };

    const graph = state.graph;
    setState({ saving: true, saveError: null });
    const outcome = await options.saveGraph(graph);

    if (!outcome.ok) {
      setState({ saving: false, saveError: outcome.error });
      return outcome;
    }

    setState((current) => ({
      saving: false,
      version: outcome.version,
      latestVersionNumber: Math.max(current.latestVersionNumber, outcome.version.number),
      readOnly: false,
      savedGraphJson: JSON.stringify(graph),
      isDirty: JSON.stringify(current.graph) !== JSON.stringify(graph),
    }));
    return outcome;
  }

  return {
    ...store,
    commitGraph: (graph, coalesceKey) => applyHistory({ type: 'commit', graph, coalesceKey }),
    setFlow: (nodes, edges) => setState({ nodes, edges }),
    undo: () => applyHistory({ type: 'undo' }),
    redo: () => applyHistory({ type: 'redo' }),
    selectBlock,
    selectStep,
    setActiveRun,
    setProblems: (problems) => setState({ problems, validating: false }),
    loadVersion,
    save,
  };
}
