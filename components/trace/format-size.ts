const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** Formats a size in bytes with 1024-based units: `980` → `980 B`, `65_600` → `64.1 KB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';

  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }

  const rounded = unit === 0 ? value : Number(value.toFixed(value < 10 ? 1 : 0));
  return `${rounded} ${UNITS[unit]}`;
}

export interface TruncatedValue {
  truncated: true;
  /** Size of the whole value in bytes, as serialized JSON. */
  size: number;
  preview?: unknown;
}

/** Tells a value the engine cut short in the trace (`{ truncated: true, size, preview }`). */
export function isTruncatedValue(value: unknown): value is TruncatedValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;

  const candidate = value as Record<string, unknown>;
  return candidate.truncated === true && typeof candidate.size === 'number';
}
