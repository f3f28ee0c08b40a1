'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import { getVersionAction } from '@/app/workflows/[id]/actions';
import { getRun } from '@/app/workflows/[id]/runs/actions';
import type { DebuggerStore } from '@/components/debugger';
import { useDebuggerStore } from '@/components/debugger/useDebuggerStore';
import { runKeys } from '@/components/run/run-keys';
import type { RunDetail } from '@/lib/run-view';

import { runHref } from './run-labels';

export async function fetchRunDetail(workflowId: string, runId: string): Promise<RunDetail> {
  const result = await getRun({ workflowId, runId });
  if (!result.ok) throw new Error(result.error);
  return result.run;
}

/**
 * Opens the version the run ran on the canvas (read-only when it is not the newest), so the
 * badges sit on the blocks that ran. Unsaved changes are never replaced: the canvas then keeps
 * the edited graph, and blocks the run does not know show no badge.
 */
async function showRunVersion(store: DebuggerStore, run: RunDetail): Promise<void> {
  const state = store.getState();
  if (state.version?.id === run.versionId || state.isDirty) return;

  const result = await getVersionAction({ workflowId: run.workflowId, versionId: run.versionId });
  if (!result.ok) throw new Error(result.error);

  const { version } = result;
  const isLatest = version.number >= store.getState().latestVersionNumber;
  store.loadVersion({ id: version.id, number: version.number }, version.graph, !isLatest);
}

/**
 * Returns a function that loads a past run onto the canvas and puts its address in the address
 * bar (`push: false` when the address already changed, as on Back).
 */
export function useOpenRun(onError: (message: string) => void) {
  const store = useDebuggerStore();
  const queryClient = useQueryClient();
  const workflowId = store.getState().workflowId;

  return useCallback(
    async (runId: string, push = true) => {
      try {
        const run = await queryClient.fetchQuery({
          queryKey: runKeys.detail(runId),
          queryFn: () => fetchRunDetail(workflowId, runId),
        });
        await showRunVersion(store, run);
        store.setActiveRun({ runId, trace: run.trace, live: run.trace?.steps ?? [] });
        if (push) window.history.pushState(null, '', runHref(workflowId, runId));
      } catch (error) {
        onError(
          `Opening run ${runId} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
    [store, queryClient, workflowId, onError],
  );
}
