import { memo } from 'react';

import type { BlockRunState } from './block-badges';
import styles from './BlockBadges.module.css';
import { formatDuration, formatTimeSplit } from './format-duration';

function pluralize(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function DurationBadge({ state }: { state: BlockRunState }) {
  const isLoop = state.blockType === 'loop';
  const split = formatTimeSplit(state);
  const title = isLoop
    ? `${pluralize(state.iterations ?? 0, 'iteration')}, ${formatDuration(state.durationMs)} in total · ${split}`
    : state.stepCount > 1
      ? `${pluralize(state.stepCount, 'step')}, ${formatDuration(state.durationMs)} in total · ${split}`
      : split;

  return (
    <span className={styles.badge} data-testid="badge-duration" title={title}>
      {formatDuration(state.durationMs)}
    </span>
  );
}

function CacheBadge({ state }: { state: BlockRunState }) {
  const executedQueries = state.stepCount - state.skippedCount;
  const label =
    state.cacheHits === executedQueries
      ? 'cache hit'
      : `cache ${state.cacheHits}/${executedQueries}`;

  return (
    <span
      className={`${styles.badge} ${styles.cache}`}
      data-testid="badge-cache-hit"
      title="Served from this run's query cache"
    >
      {label}
    </span>
  );
}

function SkippedBadge({ state }: { state: BlockRunState }) {
  const partial = state.skippedCount < state.stepCount;
  const label = partial ? `${state.skippedCount} skipped` : 'skipped';

  return (
    <span
      className={`${styles.badge} ${styles.skipped}`}
      data-testid="badge-skipped"
      title={`Skipped: ${state.skipReason ?? 'no reason recorded'}`}
    >
      {label}
      <span className={styles.reason}>{state.skipReason}</span>
    </span>
  );
}

/**
 * The run badges of one block: duration (with the DB / JS / HTTP split on hover), loop
 * iterations, cache hit, skipped with the reason, snapshot, staged and error. Renders nothing for
 * a block the run never reached.
 */
export const BlockBadges = memo(function BlockBadges({ state }: { state?: BlockRunState }) {
  if (!state) return null;

  const isRunning = state.status === 'running';
  const hasStep = state.stepCount > 0;
  const isSnapshotOnly = state.snapshot && state.skippedCount === state.stepCount;
  const showSkipped = state.skippedCount > 0 && !isSnapshotOnly;

  return (
    <div className={styles.badges} data-testid="block-badges" data-status={state.status}>
      {isRunning && (
        <span className={`${styles.badge} ${styles.running}`} data-testid="badge-running">
          running
        </span>
      )}
      {hasStep && !isSnapshotOnly && <DurationBadge state={state} />}
      {state.iterations !== undefined && (
        <span
          className={styles.badge}
          data-testid="badge-iterations"
          title={pluralize(state.iterations, 'iteration')}
        >
          {state.iterations}×
        </span>
      )}
      {state.cacheHits > 0 && <CacheBadge state={state} />}
      {showSkipped && <SkippedBadge state={state} />}
      {state.snapshot && (
        <span
          className={`${styles.badge} ${styles.snapshot}`}
          data-testid="badge-snapshot"
          title="Value reused from the replay's checkpoint"
        >
          snapshot
        </span>
      )}
      {state.staged && (
        <span
          className={`${styles.badge} ${styles.staged}`}
          data-testid="badge-staged"
          title="Staged: preview writes and requests change nothing outside the run"
        >
          staged
        </span>
      )}
      {state.errorMessage !== undefined && (
        <span
          className={`${styles.badge} ${styles.error}`}
          data-testid="badge-error"
          title={state.errorMessage}
        >
          error
          <span className={styles.reason}>{state.errorMessage}</span>
        </span>
      )}
    </div>
  );
});
