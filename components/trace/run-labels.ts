import type { RunListItem } from '@/lib/run-view';

export type RunKind = 'preview' | 'live' | 'replay';

/** Tells previews, live runs and replays apart; a replay is a snapshot run. */
export function runKind(run: Pick<RunListItem, 'mode'>): RunKind {
  return run.mode === 'snapshot' ? 'replay' : run.mode;
}

export function runHref(workflowId: string, runId: string): string {
  return `/workflows/${workflowId}/runs/${runId}`;
}

/** Reads the run id from a run address (`/workflows/<id>/runs/<runId>`), or null. */
export function runIdFromPath(pathname: string, workflowId: string): string | null {
  const prefix = `/workflows/${workflowId}/runs/`;
  if (!pathname.startsWith(prefix)) return null;

  const runId = pathname.slice(prefix.length).split('/')[0];
  return runId ? decodeURIComponent(runId) : null;
}
