/** Human-readable numbers for the report. */

/** Formats milliseconds with a unit that keeps three significant digits: ns, µs, ms or s. */
export function formatDuration(ms: number): string {
  const magnitude = Math.abs(ms);

  if (magnitude >= 1000) return `${toSignificant(ms / 1000)} s`;
  if (magnitude >= 1) return `${toSignificant(ms)} ms`;
  if (magnitude >= 0.001) return `${toSignificant(ms * 1000)} µs`;
  return `${toSignificant(ms * 1e6)} ns`;
}

/** Formats a value of a measurement in its unit. */
export function formatValue(value: number, unit: 'ms' | 'MB' = 'ms'): string {
  return unit === 'MB' ? `${toSignificant(value)} MB` : formatDuration(value);
}

/** Formats a subject/reference ratio, adding "N× faster" when the subject is faster. */
export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '—';
  if (ratio < 1 && ratio > 0)
    return `${toSignificant(ratio)} (${toSignificant(1 / ratio)}× faster)`;
  return toSignificant(ratio);
}

function toSignificant(value: number): string {
  if (value === 0) return '0';

  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toFixed(digits);
}
