import type { ExecutionTrace, StepTrace, ValidationProblem, WorkflowGraph } from '@/engine/types';

import type { RunCanvasState } from '@/components/trace/block-badges';
import type { FlowEdge, FlowNode } from '@/components/canvas/flow-types';

import type { GraphHistory } from './history';

/** The run the canvas, timeline and inspector show. */
export interface ActiveRun {
  runId: string;
  /** The finished trace; null while the run is still going. */
  trace: ExecutionTrace | null;
  /** Steps reported so far while the run is going. */
  live: StepTrace[];
  /** Blocks that started but have not recorded their step yet, while the run is going. */
  runningBlockIds?: string[];
}

/** A saved version of the workflow. */
export interface VersionRef {
  id: string;
  /** Version number, counting from 1. */
  number: number;
}

export type SaveOutcome = { ok: true; version: VersionRef } | { ok: false; error: string };

/** Saves a graph as a new version of the workflow. */
export type SaveGraph = (graph: WorkflowGraph) => Promise<SaveOutcome>;

export interface DebuggerState {
  workflowId: string;
  workflowName: string;
  /** The version the editor was loaded from or last saved as. */
  version: VersionRef | null;
  /** Number of the newest saved version. */
  latestVersionNumber: number;
  /** True while an older version is open for reading. */
  readOnly: boolean;
  /** Counts `loadVersion` calls, so views can react to another version being opened. */
  loadCount: number;

  /** The editable graph, in the engine's format. */
  graph: WorkflowGraph;
  /** The graph as React Flow nodes and edges, with positions during a drag and selection. */
  nodes: FlowNode[];
  edges: FlowEdge[];
  history: GraphHistory;
  /** Serialized graph of `version`, to tell whether there are unsaved changes. */
  savedGraphJson: string;
  isDirty: boolean;
  saving: boolean;
  saveError: string | null;

  selectedBlockId: string | null;
  /**
   * Blocks the canvas draws as selected: the selected block, or every block of a selection made
   * on the canvas. It changes at once with the selection, while React Flow's `selected` flags in
   * `nodes` may follow a moment later (see `DebuggerStoreOptions.scheduleCanvasSync`).
   */
  selectedBlockIds: ReadonlySet<string>;
  selectedStepIndex: number | null;
  activeRun: ActiveRun | null;
  /** Block states and taken edges of `activeRun`, for the canvas badges and edge styles. */
  runCanvas: RunCanvasState | null;
  /** Problems the engine's validation found in `graph`; runs are blocked while any exist. */
  problems: ValidationProblem[];
  /** True until the first validation of the current graph has come back. */
  validating: boolean;
}
