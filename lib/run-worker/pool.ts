/**
 * A small pool of run worker processes with a queue.
 *
 * Why runs execute in child processes: isolated-vm's memory limit is soft. Some allocation
 * patterns make V8 abort or crash the process that hosts the isolate, or leave the isolate's
 * thread stuck in garbage collection, instead of raising the limit error. Examples are a Map, Set
 * or object growing to millions of keys, `new Array(2 ** 28).fill(0)` and
 * `JSON.stringify(Array(5e7).fill(1))` (see the NOTE in engine/sandbox/isolate.ts). In the server's own process, one such block would
 * end every run and every request. In a worker it ends one run: the worker dies, the run is
 * recorded as an error that names the block (lost-run.ts), and a new worker takes the next run.
 *
 * The rules:
 * - Each worker runs one run at a time. Up to `size` workers start on demand; further runs wait
 *   in a FIFO queue of at most `maxQueueLength`, and the next one is rejected with a message.
 * - A worker is retired after a run that ended on its time limit (its isolate may still be
 *   stuck), and after `maxRunsPerWorker` runs, so leaks cannot build up. A worker retired for
 *   its run count is replaced at once, so the run after it does not wait for a new process.
 * - The server stops a worker that has not answered 5 s after its run's time limit.
 * - Workers never open the database: every data call comes back to the server (PGlite admits
 *   one process), and the server checks that it names the run's own tenant.
 */

import { randomUUID } from 'node:crypto';
import path from 'node:path';

import type { EngineLogger, RunGraphRequest } from '../../engine/run-request';
import type { RunResult } from '../../engine/types';
import type { RunJob } from './protocol';
import { WorkerProcess } from './worker-process';

/** The worker's entry file, relative to the project root that the server runs in. */
export const WORKER_ENTRY = path.join('lib', 'run-worker', 'worker-main.ts');

export interface RunWorkerPoolOptions {
  /** Maximum number of worker processes, each running one run at a time. */
  size: number;
  /** Runs that may wait for a worker; default 1000. */
  maxQueueLength?: number;
  /** Runs a worker executes before it is replaced; default 100. */
  maxRunsPerWorker?: number;
  /** Logs the pool's own events (workers started, lost, retired). */
  logger: EngineLogger;
  /** The worker entry file; default `WORKER_ENTRY` under the current directory. */
  entry?: string;
}

/** A run the pool cannot take, with a stable `code`. */
export class RunWorkerError extends Error {
  constructor(
    readonly code: 'RUN_QUEUE_FULL' | 'RUN_WORKER_START_FAILED' | 'RUN_WORKER_POOL_CLOSED',
    message: string,
  ) {
    super(message);
    this.name = 'RunWorkerError';
  }
}

interface QueuedRun {
  job: RunJob;
  request: RunGraphRequest;
  resolve(result: RunResult): void;
  reject(error: Error): void;
}

export class RunWorkerPool {
  private readonly workers = new Set<WorkerProcess>();
  private readonly readyWorkers = new WeakSet<WorkerProcess>();
  private readonly queue: QueuedRun[] = [];
  private readonly entry: string;
  private readonly maxQueueLength: number;
  private readonly maxRunsPerWorker: number;
  private closed = false;

  constructor(private readonly options: RunWorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new RangeError(`A run worker pool needs a size of at least 1, got ${options.size}`);
    }
    this.entry = options.entry ?? path.join(process.cwd(), WORKER_ENTRY);
    this.maxQueueLength = options.maxQueueLength ?? 1000;
    this.maxRunsPerWorker = options.maxRunsPerWorker ?? 100;
  }

  /** Workers alive, busy ones, and runs waiting; for tests and diagnostics. */
  get stats(): { workers: number; busy: number; queued: number; pids: number[] } {
    const workers = [...this.workers];
    return {
      workers: workers.length,
      busy: workers.filter((worker) => worker.isBusy).length,
      queued: this.queue.length,
      pids: workers.flatMap((worker) => (worker.pid === undefined ? [] : [worker.pid])),
    };
  }

  /**
   * Runs a graph in a worker, like `runGraph` in this process. The request's context stays here:
   * its data access serves the worker's calls and its callbacks and logger receive the worker's
   * progress. Resolves with an error result when the worker is lost.
   */
  run(request: RunGraphRequest): Promise<RunResult> {
    if (this.closed) {
      return Promise.reject(
        new RunWorkerError('RUN_WORKER_POOL_CLOSED', 'The server is shutting down; run again'),
      );
    }
    if (this.queue.length >= this.maxQueueLength) {
      return Promise.reject(
        new RunWorkerError(
          'RUN_QUEUE_FULL',
          `The server has ${this.queue.length} runs waiting for a worker; try again in a moment`,
        ),
      );
    }

    return new Promise<RunResult>((resolve, reject) => {
      this.queue.push({ job: toJob(request), request, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Starts one worker when none is alive, so that the first run does not wait for a process to
   * start and load the engine (about a second). Called when the server starts.
   */
  warm(): void {
    if (!this.closed && this.workers.size === 0) this.spawn();
  }

  /** Stops every worker; runs in flight become lost runs and queued runs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const queued of this.queue.splice(0)) {
      queued.reject(new RunWorkerError('RUN_WORKER_POOL_CLOSED', 'The server is shutting down'));
    }

    const exits = [...this.workers].map(
      (worker) => new Promise<void>((resolve) => worker.child.once('exit', () => resolve())),
    );
    for (const worker of this.workers) worker.stop();
    await Promise.all(exits);
  }

  /** Starts queued runs on idle workers, and starts more workers while runs wait. */
  private dispatch(): void {
    for (let idle = this.idleWorker(); idle && this.queue.length > 0; idle = this.idleWorker()) {
      this.start(idle, this.queue.shift()!);
    }

    const starting = [...this.workers].filter((worker) => !this.readyWorkers.has(worker)).length;
    const wanted = Math.min(this.queue.length - starting, this.options.size - this.workers.size);
    for (let i = 0; i < wanted; i++) this.spawn();
  }

  private idleWorker(): WorkerProcess | undefined {
    return [...this.workers].find((worker) => this.readyWorkers.has(worker) && !worker.isBusy);
  }

  private spawn(): void {
    const worker = new WorkerProcess(
      this.entry,
      { onExit: (lost, loss, wasReady) => this.handleExit(lost, loss, wasReady) },
      this.options.logger,
    );
    this.workers.add(worker);
    this.options.logger.info({ pid: worker.pid }, 'run worker process starting');

    worker.ready.then(
      () => {
        this.readyWorkers.add(worker);
        this.dispatch();
      },
      () => {},
    );
  }

  private start(worker: WorkerProcess, queued: QueuedRun): void {
    worker.run(queued.job, queued.request).then(
      (result) => {
        queued.resolve(result);
        this.afterRun(worker, result);
      },
      (error: Error) => {
        queued.reject(error);
        this.afterRun(worker, undefined);
      },
    );
  }

  private afterRun(worker: WorkerProcess, result: RunResult | undefined): void {
    const endedOnTimeLimit = result?.executionTrace.error?.kind === 'limit';
    const isWornOut = worker.runsFinished >= this.maxRunsPerWorker;

    if (this.workers.has(worker) && (endedOnTimeLimit || isWornOut)) {
      this.options.logger.info(
        { pid: worker.pid, runsFinished: worker.runsFinished, endedOnTimeLimit },
        'run worker process retired',
      );
      this.workers.delete(worker);
      worker.kill();
      // A worn-out worker is retired on a schedule, so its successor starts now rather than
      // when the next run arrives and would wait for it.
      if (isWornOut && !this.closed) this.spawn();
    }
    this.dispatch();
  }

  private handleExit(
    worker: WorkerProcess,
    loss: { code: number | null; signal: NodeJS.Signals | null },
    wasReady: boolean,
  ): void {
    const wasMember = this.workers.delete(worker);
    if (!wasMember || this.closed) return;

    this.options.logger.error?.(
      { pid: worker.pid, code: loss.code, signal: loss.signal, wasReady },
      'run worker process exited',
    );
    // A worker that cannot even start would fail the same way for every run that waits.
    if (!wasReady) this.rejectQueued(loss);
    this.dispatch();
  }

  private rejectQueued(loss: { code: number | null; signal: NodeJS.Signals | null }): void {
    const how = loss.signal === null ? `exit code ${loss.code}` : `signal ${loss.signal}`;
    for (const queued of this.queue.splice(0)) {
      queued.reject(
        new RunWorkerError(
          'RUN_WORKER_START_FAILED',
          `The run worker process could not start (${how}); see the server log`,
        ),
      );
    }
  }
}

/** Copies the serializable part of a request; a run id is chosen here when the caller has none. */
function toJob(request: RunGraphRequest): RunJob {
  const options = request.options ?? {};
  return {
    workflowVersion: request.workflowVersion,
    inputJson: request.inputJson,
    tenantId: request.tenantId,
    executionMode: request.executionMode,
    options: { ...options, runId: options.runId ?? randomUUID() },
    httpAllowList: request.context.httpAllowList ?? [],
  };
}
