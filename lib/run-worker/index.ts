/**
 * The one place that chooses where the server's runs execute: in a pool of worker processes
 * (pool.ts), or in the server's own process when `FLOWSCOPE_RUN_WORKERS` is 0. The command line
 * and the benchmarks call `runGraph` in their own process, where a crash ends only that command.
 */

import { runGraph } from '../../engine';
import type { RunGraphRequest } from '../../engine/run-request';
import type { RunResult } from '../../engine/types';
import { getConfig } from '../config';
import { logger } from '../logger';
import { RunWorkerPool } from './pool';

export { RunWorkerError, RunWorkerPool, type RunWorkerPoolOptions } from './pool';

const globalForWorkers = globalThis as typeof globalThis & {
  flowscopeRunWorkers?: RunWorkerPool;
};

/** Returns the server's worker pool, created on first use and kept on `globalThis` across dev reloads. */
export function serverRunWorkerPool(): RunWorkerPool {
  globalForWorkers.flowscopeRunWorkers ??= new RunWorkerPool({
    size: getConfig().FLOWSCOPE_RUN_WORKERS,
    logger: logger.child({ component: 'run-workers' }),
  });
  return globalForWorkers.flowscopeRunWorkers;
}

/** Runs a graph for the server: in a worker process, or in this process when workers are off. */
export function runGraphOnServer(request: RunGraphRequest): Promise<RunResult> {
  if (getConfig().FLOWSCOPE_RUN_WORKERS === 0) return runGraph(request);
  return serverRunWorkerPool().run(request);
}

/** Starts the first worker process before the first run, unless runs execute in the server. */
export function warmRunWorkers(): void {
  if (getConfig().FLOWSCOPE_RUN_WORKERS > 0) serverRunWorkerPool().warm();
}
