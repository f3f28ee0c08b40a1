/** Summary statistics of a list of samples in milliseconds. */

export interface Summary {
  medianMs: number;
  p99Ms: number;
  minMs: number;
  maxMs: number;
  meanMs: number;
  iterations: number;
  warmupIterations: number;
}

/** The value at quantile `q` (0..1) of sorted samples, by the nearest-rank method. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile: no samples');

  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Returns the median, the mean of the two middle samples when their count is even. */
export function median(sorted: readonly number[]): number {
  if (sorted.length === 0) throw new Error('median: no samples');

  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(samplesMs: readonly number[], warmupIterations: number): Summary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);

  return {
    medianMs: median(sorted),
    p99Ms: quantile(sorted, 0.99),
    minMs: sorted[0]!,
    maxMs: sorted[sorted.length - 1]!,
    meanMs: total / sorted.length,
    iterations: sorted.length,
    warmupIterations,
  };
}

/** Returns the element-wise `(a[i] - b[i]) / divisor` of two sample lists of equal length. */
export function pairwiseDifference(
  a: readonly number[],
  b: readonly number[],
  divisor = 1,
): number[] {
  if (a.length !== b.length) {
    throw new Error(`pairwiseDifference: ${a.length} samples against ${b.length}`);
  }

  return a.map((value, index) => (value - b[index]!) / divisor);
}
