'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import { listRuns } from '@/app/workflows/[id]/runs/actions';
import { runKeys } from '@/components/run/run-keys';
import type { RunListItem } from '@/lib/run-view';

import { formatDuration } from './format-duration';
import { formatRelativeTime, shortRunId } from './format-time';
import styles from './RunPanel.module.css';
import { runHref, runKind } from './run-labels';

/** Poll interval of the list while one of its runs is still running. */
const RUNNING_REFRESH_MS = 2000;

interface RunHistoryProps {
  workflowId: string;
  activeRunId: string | null;
  onOpen(runId: string): void;
}

async function fetchRuns(workflowId: string): Promise<RunListItem[]> {
  const result = await listRuns({ workflowId });
  if (!result.ok) throw new Error(result.error);
  return result.runs;
}

/** Re-renders every 30 s so "5 min ago" stays true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  return now;
}

function RunEntry({
  run,
  workflowId,
  active,
  now,
  onOpen,
}: {
  run: RunListItem;
  workflowId: string;
  active: boolean;
  now: number;
  onOpen(runId: string): void;
}) {
  const kind = runKind(run);
  const duration = run.totalDurationMs === null ? '–' : formatDuration(run.totalDurationMs);

  return (
    <li>
      <a
        href={runHref(workflowId, run.id)}
        className={`${styles.runEntry} ${active ? styles.runEntryActive : ''}`}
        aria-current={active ? 'true' : undefined}
        data-testid="run-history-item"
        data-run-id={run.id}
        data-run-kind={kind}
        data-run-status={run.status}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          onOpen(run.id);
        }}
      >
        <span className={`${styles.kind} ${styles[`kind_${kind}`]}`}>{kind}</span>
        <span className={`${styles.status} ${styles[`status_${run.status}`]}`}>{run.status}</span>
        <span className={styles.duration}>{duration}</span>
        <time
          className={styles.when}
          dateTime={run.startedAt}
          title={new Date(run.startedAt).toLocaleString()}
        >
          {formatRelativeTime(run.startedAt, now)}
        </time>
        <span className={styles.runId}>
          {shortRunId(run.id)}
          {run.sourceRunId && ` ← ${shortRunId(run.sourceRunId)} @#${run.checkpointStep}`}
        </span>
      </a>
    </li>
  );
}

/** Lists the workflow's runs, newest first; clicking one loads it onto the canvas. */
export function RunHistory({ workflowId, activeRunId, onOpen }: RunHistoryProps) {
  const now = useNow();
  const query = useQuery({
    queryKey: runKeys.list(workflowId),
    queryFn: () => fetchRuns(workflowId),
    refetchInterval: (current) =>
      current.state.data?.some((run) => run.status === 'running') ? RUNNING_REFRESH_MS : false,
  });

  return (
    <nav className={styles.history} aria-label="Run history" data-testid="run-history">
      <h3 className={styles.columnTitle}>Runs</h3>
      {query.isPending && <p className={styles.muted}>Loading runs…</p>}
      {query.isError && (
        <p className={styles.errorText} role="alert">
          Loading the runs failed: {query.error.message}
        </p>
      )}
      {query.data?.length === 0 && (
        <p className={styles.muted} data-testid="run-history-empty">
          No runs yet. Press Preview to run this workflow without changing anything.
        </p>
      )}
      <ul className={styles.runList}>
        {query.data?.map((run) => (
          <RunEntry
            key={run.id}
            run={run}
            workflowId={workflowId}
            active={run.id === activeRunId}
            now={now}
            onOpen={onOpen}
          />
        ))}
      </ul>
    </nav>
  );
}
