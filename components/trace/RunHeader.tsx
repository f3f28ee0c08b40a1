'use client';

import type { ExecutionTrace } from '@/engine/types';
import type { RunDetail } from '@/lib/run-view';

import { formatDuration } from './format-duration';
import { shortRunId } from './format-time';
import { MetricsBar } from './MetricsBar';
import styles from './RunPanel.module.css';
import { runHref, runKind } from './run-labels';

interface RunHeaderProps {
  workflowId: string;
  run: RunDetail | undefined;
  trace: ExecutionTrace | null;
  /** Steps so far and running blocks of a run in progress. */
  liveStepCount: number;
  running: boolean;
  onOpen(runId: string): void;
}

function RunLink({
  workflowId,
  runId,
  onOpen,
  testId,
  children,
}: {
  workflowId: string;
  runId: string;
  onOpen(runId: string): void;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <a
      href={runHref(workflowId, runId)}
      data-testid={testId}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        onOpen(runId);
      }}
    >
      {children}
    </a>
  );
}

function RunError({ trace, run }: { trace: ExecutionTrace | null; run: RunDetail | undefined }) {
  const message = trace?.error?.message ?? run?.errorMessage;
  if (!message) return null;

  const problems = trace?.error?.problems ?? [];
  return (
    <div className={styles.runError} role="alert" data-testid="run-error">
      <strong>{run?.status === 'interrupted' ? 'Interrupted' : 'Run failed'}:</strong> {message}
      {problems.length > 0 && (
        <ul>
          {problems.map((problem, index) => (
            <li key={index}>{problem.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Summarizes the selected run: kind, status, duration, where a replay came from and which replays
 * started from it, its error and its metrics.
 */
export function RunHeader({
  workflowId,
  run,
  trace,
  liveStepCount,
  running,
  onOpen,
}: RunHeaderProps) {
  if (running) {
    return (
      <div className={styles.runHeader} data-testid="run-progress" aria-live="polite">
        <span className={styles.spinner} aria-hidden="true" />
        <span>Running… {liveStepCount} steps so far</span>
      </div>
    );
  }

  if (!run && !trace) return null;

  const kind = runKind(run ?? { mode: trace!.mode });
  const status = run?.status ?? trace?.status;
  const duration = trace ? formatDuration(trace.metrics.totalDurationMs) : '–';
  const replays = run?.replays ?? [];

  return (
    <div className={styles.runHeaderBlock}>
      <div className={styles.runHeader} data-testid="run-summary">
        <span className={`${styles.kind} ${styles[`kind_${kind}`]}`} data-testid="run-kind">
          {kind}
        </span>
        <span className={`${styles.status} ${styles[`status_${status}`]}`} data-testid="run-status">
          {status}
        </span>
        <span className={styles.duration}>{duration}</span>
        {run && <span className={styles.runId}>run {shortRunId(run.id)}</span>}
        {run?.sourceRunId && (
          <span className={styles.lineage} data-testid="run-source">
            replay of{' '}
            <RunLink
              workflowId={workflowId}
              runId={run.sourceRunId}
              onOpen={onOpen}
              testId="run-source-link"
            >
              {shortRunId(run.sourceRunId)}
            </RunLink>{' '}
            from step #{run.checkpointStep}
          </span>
        )}
        {replays.length > 0 && (
          <span className={styles.lineage} data-testid="run-replays">
            replays:{' '}
            {replays.map((replay) => (
              <RunLink
                key={replay.id}
                workflowId={workflowId}
                runId={replay.id}
                onOpen={onOpen}
                testId="run-replay-link"
              >
                {shortRunId(replay.id)}
              </RunLink>
            ))}
          </span>
        )}
        {trace && <MetricsBar metrics={trace.metrics} />}
      </div>
      <RunError trace={trace} run={run} />
    </div>
  );
}
