'use client';

import { useReactFlow } from '@xyflow/react';
import Link from 'next/link';
import type { ReactNode } from 'react';

import { autoLayout } from '@/components/canvas/auto-layout';
import type { DebuggerState } from '@/components/debugger/debugger-state';
import { canRedo, canUndo } from '@/components/debugger/history';
import { useDebuggerSelector } from '@/components/debugger/useDebuggerSelector';
import { useDebuggerStore } from '@/components/debugger/useDebuggerStore';
import { Button } from '@/components/ui/Button';

import { useSaveWorkflow } from './useSaveWorkflow';

const selectName = (state: DebuggerState) => state.workflowName;
const selectVersionNumber = (state: DebuggerState) => state.version?.number ?? null;
const selectDirty = (state: DebuggerState) => state.isDirty;
const selectSaving = (state: DebuggerState) => state.saving;
const selectReadOnly = (state: DebuggerState) => state.readOnly;
const selectCanUndo = (state: DebuggerState) => !state.readOnly && canUndo(state.history);
const selectCanRedo = (state: DebuggerState) => !state.readOnly && canRedo(state.history);

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The workbench's top bar: name, version and save state, editing commands, run controls. */
export function Toolbar({ runControls }: { runControls?: ReactNode }) {
  const store = useDebuggerStore();
  const name = useDebuggerSelector(selectName);
  const versionNumber = useDebuggerSelector(selectVersionNumber);
  const isDirty = useDebuggerSelector(selectDirty);
  const saving = useDebuggerSelector(selectSaving);
  const readOnly = useDebuggerSelector(selectReadOnly);
  const undoable = useDebuggerSelector(selectCanUndo);
  const redoable = useDebuggerSelector(selectCanRedo);
  const save = useSaveWorkflow();
  const { fitView } = useReactFlow();
  const mod = isMac() ? '⌘' : 'Ctrl+';

  const arrange = () => {
    store.commitGraph(autoLayout(store.getState().graph));
    requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1, duration: 200 }));
  };

  return (
    <header className="toolbar">
      <Link href="/" className="toolbar__back" aria-label="Back to workflows">
        ← Workflows
      </Link>
      <h1 className="toolbar__name" data-testid="workflow-name">
        {name}
      </h1>
      {versionNumber !== null && (
        <span className="chip" data-testid="version-chip">
          v{versionNumber}
        </span>
      )}
      {isDirty && (
        <span className="toolbar__dirty" data-testid="unsaved-marker" title="Unsaved changes">
          ● Unsaved changes
        </span>
      )}
      <div className="toolbar__group">
        <Button
          size="sm"
          variant="ghost"
          aria-label="Undo"
          title={`Undo (${mod}Z)`}
          disabled={!undoable}
          onClick={store.undo}
        >
          ↶
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-label="Redo"
          title={`Redo (Shift+${mod}Z)`}
          disabled={!redoable}
          onClick={store.redo}
        >
          ↷
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-label="Auto-layout"
          title="Arrange blocks top to bottom"
          disabled={readOnly}
          onClick={arrange}
        >
          Auto-layout
        </Button>
        <Button
          size="sm"
          variant={isDirty ? 'primary' : 'secondary'}
          aria-label="Save"
          title={`Save as a new version (${mod}S)`}
          disabled={readOnly || !isDirty || saving}
          onClick={() => void save()}
          data-testid="save-button"
        >
          {saving ? 'Saving…' : 'Save'}
        </Button>
      </div>
      <div className="toolbar__run">{runControls}</div>
    </header>
  );
}
