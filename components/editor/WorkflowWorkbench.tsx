'use client';

import { ReactFlowProvider } from '@xyflow/react';
import { useState, type ReactNode } from 'react';

import type { ExecutionTrace, WorkflowGraph } from '@/engine/types';

import { saveVersionAction } from '@/app/workflows/[id]/actions';
import { FlowCanvas } from '@/components/canvas/FlowCanvas';
import { Palette } from '@/components/canvas/Palette';
import type { DebuggerState, SaveOutcome } from '@/components/debugger/debugger-state';
import { createDebuggerStore, type DebuggerStore } from '@/components/debugger/debugger-store';
import { DebuggerProvider } from '@/components/debugger/DebuggerProvider';
import { scheduleWhenIdle } from '@/components/debugger/schedule-when-idle';
import { useDebuggerSelector } from '@/components/debugger/useDebuggerSelector';
import { RunQueryProvider } from '@/components/run/RunQueryProvider';
import { RunPanel } from '@/components/trace/RunPanel';

import { ReadOnlyBanner } from './ReadOnlyBanner';
import { SidePanel } from './SidePanel';
import { Toolbar } from './Toolbar';
import { useEditorShortcuts } from './useEditorShortcuts';
import { useFitViewOnVersionChange } from './useFitViewOnVersionChange';
import { useUnsavedChangesGuard } from './useUnsavedChangesGuard';
import { useValidation } from './useValidation';
import './editor.css';

export interface WorkflowWorkbenchProps {
  workflow: { id: string; name: string };
  version: { id: string; number: number; graph: WorkflowGraph };
  latestVersionNumber: number;
  /** A run to show when the page opens, such as `/workflows/[id]/runs/[runId]`. */
  initialRun?: { runId: string; trace: ExecutionTrace | null } | null;
  /** Run buttons for the toolbar. */
  runControls?: ReactNode;
}

function createStoreFor(props: WorkflowWorkbenchProps): DebuggerStore {
  const workflowId = props.workflow.id;
  const saveGraph = async (graph: WorkflowGraph): Promise<SaveOutcome> => {
    const result = await saveVersionAction({ workflowId, graph });
    return result.ok ? { ok: true, version: result.version } : result;
  };

  return createDebuggerStore({
    workflowId,
    workflowName: props.workflow.name,
    version: { id: props.version.id, number: props.version.number },
    latestVersionNumber: props.latestVersionNumber,
    graph: props.version.graph,
    readOnly: props.version.number < props.latestVersionNumber,
    activeRun: props.initialRun ? { ...props.initialRun, live: [] } : null,
    saveGraph,
    scheduleCanvasSync: scheduleWhenIdle,
  });
}

const selectReadOnly = (state: DebuggerState) => state.readOnly;

function WorkbenchLayout({ runControls }: { runControls?: ReactNode }) {
  const readOnly = useDebuggerSelector(selectReadOnly);
  useValidation();
  useEditorShortcuts();
  useUnsavedChangesGuard();
  useFitViewOnVersionChange();

  return (
    <div className="workbench" data-testid="workbench">
      <Toolbar runControls={runControls} />
      <ReadOnlyBanner />
      <div className="workbench__body">
        <aside className="workbench__palette">
          <Palette disabled={readOnly} />
        </aside>
        <main className="workbench__main">
          <div className="workbench__canvas">
            <FlowCanvas />
          </div>
          <div className="workbench__runs">
            <RunPanel />
          </div>
        </main>
        <aside className="workbench__side">
          <SidePanel />
        </aside>
      </div>
    </div>
  );
}

/** Renders the editor and debugger of one workflow: canvas, palette, settings, versions, runs. */
export function WorkflowWorkbench(props: WorkflowWorkbenchProps) {
  const [store] = useState(() => createStoreFor(props));

  return (
    <RunQueryProvider>
      <DebuggerProvider store={store}>
        <ReactFlowProvider>
          <WorkbenchLayout runControls={props.runControls} />
        </ReactFlowProvider>
      </DebuggerProvider>
    </RunQueryProvider>
  );
}
