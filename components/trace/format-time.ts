const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Formats how long ago `iso` was, relative to `nowMs`: `just now`, `42 s ago`, `5 min ago`,
 * `3 h ago`, `2 d ago`, then the date (`2025-01-31`). Times in the future count as just now.
 */
export function formatRelativeTime(iso: string, nowMs: number): string {
  const thenMs = Date.parse(iso);
  if (Number.isNaN(thenMs)) return '–';

  const ageMs = nowMs - thenMs;
  if (ageMs < 5 * SECOND_MS) return 'just now';
  if (ageMs < MINUTE_MS) return `${Math.floor(ageMs / SECOND_MS)} s ago`;
  if (ageMs < HOUR_MS) return `${Math.floor(ageMs / MINUTE_MS)} min ago`;
  if (ageMs < DAY_MS) return `${Math.floor(ageMs / HOUR_MS)} h ago`;
  if (ageMs < 7 * DAY_MS) return `${Math.floor(ageMs / DAY_MS)} d ago`;

  return iso.slice(0, 10);
}

/** Shortens a run id for display: its first 8 characters. */
export function shortRunId(runId: string): string {
  return runId.slice(0, 8);
}
