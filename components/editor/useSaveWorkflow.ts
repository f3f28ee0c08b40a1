'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import { useDebuggerStore } from '@/components/debugger/useDebuggerStore';
import { useToast } from '@/components/ui/useToast';

import { versionsQueryKey } from './versions-query';

/** Saves the graph as a new version and reports the outcome in a toast. */
export function useSaveWorkflow(): () => Promise<void> {
  const store = useDebuggerStore();
  const toast = useToast();
  const queryClient = useQueryClient();

  return useCallback(async () => {
    const state = store.getState();
    if (state.readOnly) {
      toast('This is an older version, open for reading. Restore it to save it as a new version.');
      return;
    }
    if (!state.isDirty) {
      toast('No changes to save.');
      return;
    }

    const outcome = await store.save();
    if (!outcome.ok) {
      toast(outcome.error, 'error');
      return;
    }
    toast(`Saved as version ${outcome.version.number}.`, 'success');
    await queryClient.invalidateQueries({ queryKey: versionsQueryKey(state.workflowId) });
  }, [store, toast, queryClient]);
}
