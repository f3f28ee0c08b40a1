/**
 * Timers for the benchmarks. Every sample is a wall-clock duration in milliseconds, read with
 * `process.hrtime.bigint()` (nanosecond resolution), taken after a warm-up that is not recorded.
 */

export interface SampleOptions {
  warmupIterations: number;
  iterations: number;
  /**
   * Operations per sample; the sample is the time of the whole batch divided by it. Use it for
   * operations shorter than about a microsecond, where the timer's own cost would dominate.
   * Default 1.
   */
  batchSize?: number;
}

export type Operation = () => unknown;

export type AsyncOperation = () => Promise<unknown>;

function nanosecondsToMs(nanoseconds: bigint): number {
  return Number(nanoseconds) / 1e6;
}

/** Times a synchronous operation, `iterations` samples after `warmupIterations` untimed runs. */
export function sampleSync(operation: Operation, options: SampleOptions): number[] {
  const batchSize = options.batchSize ?? 1;
  const samples: number[] = [];

  for (let index = 0; index < options.warmupIterations * batchSize; index++) operation();

  for (let sampleIndex = 0; sampleIndex < options.iterations; sampleIndex++) {
    const start = process.hrtime.bigint();
    for (let index = 0; index < batchSize; index++) operation();
    samples.push(nanosecondsToMs(process.hrtime.bigint() - start) / batchSize);
  }

  return samples;
}

/** Times an asynchronous operation, awaiting each call before the next starts. */
export async function sampleAsync(
  operation: AsyncOperation,
  options: SampleOptions,
): Promise<number[]> {
  const batchSize = options.batchSize ?? 1;
  const samples: number[] = [];

  for (let index = 0; index < options.warmupIterations * batchSize; index++) await operation();

  for (let sampleIndex = 0; sampleIndex < options.iterations; sampleIndex++) {
    const start = process.hrtime.bigint();
    for (let index = 0; index < batchSize; index++) await operation();
    samples.push(nanosecondsToMs(process.hrtime.bigint() - start) / batchSize);
  }

  return samples;
}

/** Times one call of an asynchronous operation, in milliseconds. */
export async function timeOnce(operation: AsyncOperation): Promise<number> {
  const start = process.hrtime.bigint();
  await operation();
  return nanosecondsToMs(process.hrtime.bigint() - start);
}

/**
 * Times several asynchronous operations interleaved, one sample of each per iteration, so that
 * drift in the machine's load affects all of them alike. The starting operation rotates between
 * iterations. Returns one sample list per operation, in the order given.
 */
export async function sampleInterleaved(
  operations: AsyncOperation[],
  options: SampleOptions,
): Promise<number[][]> {
  const samples: number[][] = operations.map(() => []);

  for (let index = 0; index < options.warmupIterations; index++) {
    for (const operation of operations) await operation();
  }

  for (let iteration = 0; iteration < options.iterations; iteration++) {
    for (let offset = 0; offset < operations.length; offset++) {
      const position = (iteration + offset) % operations.length;
      samples[position]!.push(await timeOnce(operations[position]!));
    }
  }

  return samples;
}

/**
 * Times `total` calls of an operation with `concurrency` of them in flight at once. Each sample
 * is one call's latency from its start to its end.
 */
export async function sampleConcurrent(
  operation: AsyncOperation,
  options: { total: number; concurrency: number },
): Promise<number[]> {
  const samples: number[] = [];
  let started = 0;

  const worker = async () => {
    while (started < options.total) {
      started++;
      samples.push(await timeOnce(operation));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));

  return samples;
}

/** Runs a full garbage collection when the process was started with `--expose-gc`. */
export function collectGarbage(): void {
  globalThis.gc?.();
}
