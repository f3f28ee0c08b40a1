'use client';

import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';

import { useActiveRun } from '@/components/debugger/useActiveRun';
import { useDebuggerStore } from '@/components/debugger/useDebuggerStore';
import { useGraph } from '@/components/debugger/useGraph';
import { useSelectedStepIndex } from '@/components/debugger/useSelectedStepIndex';
import { findStep, stepsOf } from '@/components/debugger/step-selection';
import { RunControls } from '@/components/run/RunControls';
import { RunQueryProvider } from '@/components/run/RunQueryProvider';
import { runKeys } from '@/components/run/run-keys';
import { PENDING_RUN_ID, useRunWorkflow, type RunRequest } from '@/components/run/useRunWorkflow';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import type { StepTrace, WorkflowGraph } from '@/engine/types';
import type { RunDetail } from '@/lib/run-view';

import { Inspector, type InspectorProps } from './Inspector';
import { RunHeader } from './RunHeader';
import { RunHistory } from './RunHistory';
import styles from './RunPanel.module.css';
import { runIdFromPath } from './run-labels';
import { Timeline } from './Timeline';
import { fetchRunDetail, useOpenRun } from './useOpenRun';

interface PendingReplay {
  stepIndex: number;
}

/** Loads the run of the address bar after Back and Forward. */
function usePopStateRun(workflowId: string, openRun: (runId: string, push?: boolean) => void) {
  useEffect(() => {
    const handlePop = () => {
      const runId = runIdFromPath(window.location.pathname, workflowId);
      if (runId) openRun(runId, false);
    };

    window.addEventListener('popstate', handlePop);
    return () => window.removeEventListener('popstate', handlePop);
  }, [workflowId, openRun]);
}

function replayBlockedReason(runStatus: string | undefined, hasTrace: boolean, pending: boolean) {
  if (pending) return 'Wait for the current run to finish';
  if (!hasTrace || runStatus === 'running') return 'Replay is available once the run has finished';
  return null;
}

function emptyTimelineText(pending: boolean, run: RunDetail | undefined): string {
  if (pending) return 'Waiting for the first step…';
  if (run?.status === 'interrupted') {
    return 'This run was interrupted when the server stopped, so it has no trace. Run the workflow again.';
  }
  if (run && !run.trace) return 'This run recorded no steps.';
  return 'Run the workflow to see a timeline of its steps. Preview changes nothing outside the run.';
}

/** Returns the input a run started with; a replay's input also carries its checkpoint variables. */
function originalInputOf(run: RunDetail | undefined): unknown {
  if (!run) return undefined;
  if (run.mode !== 'snapshot') return run.input;
  return (run.input as { input?: unknown } | null)?.input;
}

interface SelectedStepInspectorProps {
  steps: StepTrace[];
  graph: WorkflowGraph;
  workflowId: string;
  onReplay: InspectorProps['onReplay'];
  replayBlockedReason: string | null;
}

/** Renders the inspector of the selected step: the only part of the run panel that reads it. */
function SelectedStepInspector(props: SelectedStepInspectorProps) {
  const { steps, graph, workflowId, onReplay, replayBlockedReason } = props;
  const store = useDebuggerStore();
  const selectedStepIndex = useSelectedStepIndex();
  const step = useMemo(
    () => (selectedStepIndex === null ? undefined : findStep(steps, selectedStepIndex)),
    [steps, selectedStepIndex],
  );
  const blockName = step ? graph.nodes.find((node) => node.id === step.blockId)?.name : undefined;
  const selectStep = useCallback((index: number) => store.selectStep(index), [store]);

  return (
    <Inspector
      step={step}
      blockName={blockName}
      workflowId={workflowId}
      onSelectStep={selectStep}
      onReplay={onReplay}
      replayBlockedReason={replayBlockedReason}
    />
  );
}

function RunPanelContent() {
  const store = useDebuggerStore();
  const workflowId = store.getState().workflowId;
  const graph = useGraph();
  const activeRun = useActiveRun();
  const mutation = useRunWorkflow();
  const [openError, setOpenError] = useState<string | null>(null);
  const [pendingReplay, setPendingReplay] = useState<PendingReplay | null>(null);
  const openRun = useOpenRun(setOpenError);
  usePopStateRun(workflowId, openRun);

  const runId = activeRun?.runId ?? null;
  const hasRunId = runId !== null && runId !== PENDING_RUN_ID;
  const detail = useQuery({
    queryKey: runKeys.detail(runId ?? ''),
    queryFn: () => fetchRunDetail(workflowId, runId!),
    enabled: hasRunId && !mutation.isPending,
  });

  const steps = useMemo(() => stepsOf(activeRun), [activeRun]);
  const trace = activeRun?.trace ?? null;

  const startRun = useCallback(
    (request: RunRequest) => {
      setOpenError(null);
      mutation.mutate(request);
    },
    [mutation],
  );

  const replay = (stepIndex: number, commit: boolean) => {
    if (commit) setPendingReplay({ stepIndex });
    else if (hasRunId)
      startRun({ kind: 'replay', sourceRunId: runId, checkpointStep: stepIndex, commit });
  };

  const error = openError ?? (mutation.error ? mutation.error.message : null);

  return (
    <section className={styles.panel} aria-label="Run" data-testid="run-panel">
      <header className={styles.bar}>
        <RunControls
          pending={mutation.isPending}
          onRun={startRun}
          selectedRunInput={hasRunId ? originalInputOf(detail.data) : undefined}
        />
        <RunHeader
          workflowId={workflowId}
          run={hasRunId ? detail.data : undefined}
          trace={trace}
          liveStepCount={activeRun?.live.length ?? 0}
          running={mutation.isPending}
          onOpen={openRun}
        />
      </header>
      {error && (
        <div className={styles.requestError} role="alert" data-testid="run-request-error">
          {error}
          <button
            type="button"
            aria-label="Dismiss the error"
            onClick={() => {
              setOpenError(null);
              mutation.reset();
            }}
          >
            ×
          </button>
        </div>
      )}
      <div className={styles.body}>
        <RunHistory workflowId={workflowId} activeRunId={runId} onOpen={openRun} />
        {steps.length > 0 ? (
          <Timeline steps={steps} graph={graph} />
        ) : (
          <div className={styles.emptyTimeline} data-testid="timeline-empty">
            {emptyTimelineText(mutation.isPending, hasRunId ? detail.data : undefined)}
          </div>
        )}
        <SelectedStepInspector
          steps={steps}
          graph={graph}
          workflowId={workflowId}
          onReplay={replay}
          replayBlockedReason={replayBlockedReason(
            detail.data?.status,
            trace !== null,
            mutation.isPending,
          )}
        />
      </div>
      <ConfirmDialog
        open={pendingReplay !== null}
        title="Replay and commit?"
        message="This replay commits its writes to your data tables and sends its HTTP requests. Side effects that ran up to the checkpoint are not repeated."
        confirmLabel="Replay and commit"
        danger
        onCancel={() => setPendingReplay(null)}
        onConfirm={() => {
          if (pendingReplay && hasRunId) {
            startRun({
              kind: 'replay',
              sourceRunId: runId,
              checkpointStep: pendingReplay.stepIndex,
              commit: true,
            });
          }
          setPendingReplay(null);
        }}
      />
    </section>
  );
}

/**
 * Renders everything below the canvas: the run buttons and input, the selected run's summary and
 * metrics, the run history, the timeline and the step inspector.
 */
export function RunPanel() {
  return (
    <RunQueryProvider>
      <RunPanelContent />
    </RunQueryProvider>
  );
}
