'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';

import { getRunProgress, replayFromStep, startRun } from '@/app/workflows/[id]/runs/actions';
import { useDebuggerStore } from '@/components/debugger/useDebuggerStore';
import type { DebuggerStore } from '@/components/debugger';
import type { startRunSchema } from '@/app/workflows/[id]/runs/run-commands';
import type { RunDetail } from '@/lib/run-view';

type StartRunRequest = z.input<typeof startRunSchema>;

import { pollRun, RunRequestError } from './poll-run';
import { runKeys } from './run-keys';

export type RunRequest =
  | { kind: 'run'; mode: 'preview' | 'live'; input: unknown }
  | { kind: 'replay'; sourceRunId: string; checkpointStep: number; commit: boolean };

/** Run id shown between the click and the server's response, so old badges clear at once. */
export const PENDING_RUN_ID = 'pending';

/** Saves unsaved changes first, so that the run records the version it ran. */
async function saveBeforeRun(store: DebuggerStore): Promise<string> {
  const outcome = await store.save();
  if (!outcome.ok) throw new RunRequestError(`Saving before the run failed: ${outcome.error}`);
  return outcome.version.id;
}

async function startRequest(store: DebuggerStore, request: RunRequest) {
  const { workflowId } = store.getState();

  if (request.kind === 'replay') {
    const { sourceRunId, checkpointStep, commit } = request;
    return () => replayFromStep({ workflowId, sourceRunId, checkpointStep, commit });
  }

  const versionId = await saveBeforeRun(store);
  // The input comes from JSON.parse in the input editor, so it is a JSON value.
  const input = request.input as StartRunRequest['input'];
  return () => startRun({ workflowId, versionId, mode: request.mode, input });
}

/** True while the canvas shows this run (or the run about to start), not one picked since. */
function isShowing(store: DebuggerStore, runId: string): boolean {
  const shownId = store.getState().activeRun?.runId;
  return shownId === PENDING_RUN_ID || shownId === runId;
}

async function executeRequest(
  store: DebuggerStore,
  request: RunRequest,
  onStarted: () => void,
): Promise<RunDetail> {
  const { workflowId } = store.getState();
  const start = await startRequest(store, request);
  let runId = PENDING_RUN_ID;

  store.setActiveRun({ runId, trace: null, live: [], runningBlockIds: [] });

  return pollRun({
    start: async () => {
      const started = await start();
      if (started.ok) {
        runId = started.runId;
        onStarted();
      }
      return started;
    },
    poll: (id, afterStep) => getRunProgress({ workflowId, runId: id, afterStep }),
    onProgress: (steps, runningBlockIds) => {
      if (!isShowing(store, runId)) return;
      store.setActiveRun({ runId, trace: null, live: steps, runningBlockIds });
    },
  });
}

function runPath(workflowId: string, runId: string): string {
  return `/workflows/${workflowId}/runs/${runId}`;
}

/**
 * Returns the mutation that runs the workflow (preview or live) or replays a run from a step.
 * It saves unsaved changes first, clears the previous run's badges and shows progress while the
 * run goes. Then it loads the finished run onto the canvas and into the address bar, and selects
 * the failed block when the run failed.
 */
export function useRunWorkflow() {
  const store = useDebuggerStore();
  const queryClient = useQueryClient();
  const workflowId = store.getState().workflowId;

  return useMutation({
    mutationKey: runKeys.runMutation(workflowId),
    mutationFn: (request: RunRequest) =>
      executeRequest(store, request, () => {
        void queryClient.invalidateQueries({ queryKey: runKeys.list(workflowId) });
      }),
    onSuccess: (run) => {
      queryClient.setQueryData(runKeys.detail(run.id), run);
      if (!isShowing(store, run.id)) return;

      store.setActiveRun({ runId: run.id, trace: run.trace, live: run.trace?.steps ?? [] });
      window.history.pushState(null, '', runPath(workflowId, run.id));

      const failedBlockId = run.trace?.error?.blockId;
      if (failedBlockId) store.selectBlock(failedBlockId);
    },
    onError: () => {
      const active = store.getState().activeRun;
      if (active && !active.trace && active.live.length === 0) store.setActiveRun(null);
    },
    onSettled: (_run, _error, request) => {
      void queryClient.invalidateQueries({ queryKey: runKeys.list(workflowId) });
      if (request.kind === 'replay') {
        void queryClient.invalidateQueries({ queryKey: runKeys.detail(request.sourceRunId) });
      }
    },
  });
}
