'use client';

import { useQueryClient } from '@tanstack/react-query';

import { loadWorkflowAction, saveVersionAction } from '@/app/workflows/[id]/actions';
import type { DebuggerState } from '@/components/debugger/debugger-state';
import { useDebuggerSelector } from '@/components/debugger/useDebuggerSelector';
import { useDebuggerStore } from '@/components/debugger/useDebuggerStore';
import { Button } from '@/components/ui/Button';
import { useToast } from '@/components/ui/useToast';

import { versionsQueryKey } from './versions-query';

const selectReadOnly = (state: DebuggerState) => state.readOnly;
const selectVersionNumber = (state: DebuggerState) => state.version?.number ?? 0;

/** Shown while an older version is open: restore it, or go back to the newest version. */
export function ReadOnlyBanner() {
  const store = useDebuggerStore();
  const readOnly = useDebuggerSelector(selectReadOnly);
  const versionNumber = useDebuggerSelector(selectVersionNumber);
  const toast = useToast();
  const queryClient = useQueryClient();
  if (!readOnly) return null;

  const restore = async () => {
    const { workflowId, graph } = store.getState();
    const saved = await saveVersionAction({ workflowId, graph });
    if (!saved.ok) return toast(saved.error, 'error');

    store.loadVersion(saved.version, graph, false);
    toast(`Version ${versionNumber} restored as version ${saved.version.number}.`, 'success');
    await queryClient.invalidateQueries({ queryKey: versionsQueryKey(workflowId) });
  };

  const openLatest = async () => {
    const { workflowId } = store.getState();
    const loaded = await loadWorkflowAction({ id: workflowId });
    if (!loaded.ok) return toast(loaded.error, 'error');
    store.loadVersion(loaded.version, loaded.version.graph, false);
  };

  return (
    <div className="readonly-banner" role="status" data-testid="readonly-banner">
      <span>
        Viewing version {versionNumber}, read-only. Runs use this version as it was saved.
      </span>
      <Button size="sm" onClick={() => void restore()}>
        Restore as new version
      </Button>
      <Button size="sm" variant="ghost" onClick={() => void openLatest()}>
        Open latest
      </Button>
    </div>
  );
}
