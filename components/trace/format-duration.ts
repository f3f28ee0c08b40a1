const MICROSECONDS_PER_MS = 1000;
const MS_PER_SECOND = 1000;
const SECONDS_PER_MINUTE = 60;

/** Rounds to three significant digits, so `4.2` stays `4.2` and `123.4` becomes `123`. */
function roundSignificant(value: number): number {
  return Number(value.toPrecision(3));
}

/**
 * Formats a duration in milliseconds with the unit that fits: `0.0123` → `12 µs`, `4.2` →
 * `4.2 ms`, `1530` → `1.53 s`, `125000` → `2 min 5 s`. Values that round up to the next unit
 * move to it (`999.7` → `1 s`). Negative and non-finite values format as `–`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';

  const microseconds = Math.round(ms * MICROSECONDS_PER_MS);
  if (microseconds < MICROSECONDS_PER_MS) {
    return ms > 0 && microseconds === 0 ? '<1 µs' : `${microseconds} µs`;
  }

  const milliseconds = roundSignificant(ms);
  if (milliseconds < MS_PER_SECOND) return `${milliseconds} ms`;

  const seconds = roundSignificant(ms / MS_PER_SECOND);
  if (seconds < SECONDS_PER_MINUTE) return `${seconds} s`;

  const totalSeconds = Math.round(ms / MS_PER_SECOND);
  const minutes = Math.floor(totalSeconds / SECONDS_PER_MINUTE);
  const restSeconds = totalSeconds % SECONDS_PER_MINUTE;
  return restSeconds === 0 ? `${minutes} min` : `${minutes} min ${restSeconds} s`;
}

export interface TimeSplit {
  dbTimeMs?: number;
  jsTimeMs?: number;
  httpTimeMs?: number;
}

/** Formats the DB / JS / HTTP split of a step or block, e.g. `DB 1.2 ms · JS 40 µs · HTTP 0 µs`. */
export function formatTimeSplit(split: TimeSplit): string {
  return [
    `DB ${formatDuration(split.dbTimeMs ?? 0)}`,
    `JS ${formatDuration(split.jsTimeMs ?? 0)}`,
    `HTTP ${formatDuration(split.httpTimeMs ?? 0)}`,
  ].join(' · ');
}
