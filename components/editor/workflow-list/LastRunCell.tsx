import { formatDuration } from '@/components/trace/format-duration';
import { RelativeTime } from '@/components/ui/RelativeTime';

import type { WorkflowRow } from './types';

/** Mode, status, duration and time of a workflow's last run, linking to the run. */
export function LastRunCell({
  workflowId,
  run,
}: {
  workflowId: string;
  run: WorkflowRow['lastRun'];
}) {
  if (!run) return <span className="muted">never run</span>;

  return (
    <a className="last-run" href={`/workflows/${workflowId}/runs/${run.id}`} data-testid="last-run">
      <span className={`status-dot status-dot--${run.status}`} aria-hidden="true" />
      <span className="last-run__status">{run.status}</span>
      <span className="chip">{run.mode}</span>
      {run.totalDurationMs !== null && (
        <span className="last-run__duration">{formatDuration(run.totalDurationMs)}</span>
      )}
      <span className="muted">
        <RelativeTime iso={run.startedAt} />
      </span>
    </a>
  );
}
