import type { TraceMetrics } from '@/engine/types';

import { formatDuration } from './format-duration';
import styles from './RunPanel.module.css';

interface Metric {
  label: string;
  value: string;
  title: string;
}

function listMetrics(metrics: TraceMetrics): Metric[] {
  return [
    {
      label: 'Total',
      value: formatDuration(metrics.totalDurationMs),
      title: 'Wall-clock time of the run',
    },
    { label: 'DB', value: formatDuration(metrics.dbTimeMs), title: 'Time inside database calls' },
    {
      label: 'JS',
      value: formatDuration(metrics.jsTimeMs),
      title: 'Time inside the JavaScript sandbox',
    },
    {
      label: 'HTTP',
      value: formatDuration(metrics.httpTimeMs),
      title: 'Time waiting for HTTP responses',
    },
    { label: 'Queries', value: String(metrics.queryCount), title: 'Queries sent to the database' },
    {
      label: 'Cache hits',
      value: String(metrics.cacheHits),
      title: "Queries served from the run's cache",
    },
    {
      label: 'Steps',
      value: String(metrics.stepCount),
      title: 'Steps, every loop iteration counted',
    },
    {
      label: 'Skipped',
      value: String(metrics.skippedCount),
      title: 'Steps skipped, with a reason each',
    },
  ];
}

/** Shows the run's totals: time split by DB, JS and HTTP, queries, cache hits, steps and skips. */
export function MetricsBar({ metrics }: { metrics: TraceMetrics }) {
  return (
    <dl className={styles.metrics} data-testid="metrics-bar" aria-label="Run metrics">
      {listMetrics(metrics).map((metric) => (
        <div key={metric.label} className={styles.metric} title={metric.title}>
          <dt>{metric.label}</dt>
          <dd data-testid={`metric-${metric.label.toLowerCase().replace(' ', '-')}`}>
            {metric.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
