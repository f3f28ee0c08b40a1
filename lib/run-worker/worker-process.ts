/**
 * The server's handle on one run worker process: starts it, sends it one job at a time, serves
 * its data-access calls on the server's database, forwards its progress and log lines to the
 * run's callbacks, and turns its result, or its loss, into the run's `RunResult`.
 */

import { fork, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

import type { EngineContext, EngineLogger, RunGraphRequest } from '../../engine/run-request';
import type { RunResult } from '../../engine/types';
import { lostRunResult, type JobProgress, type WorkerLoss } from './lost-run';
import {
  copyError,
  DATA_METHODS,
  restoreError,
  WORKER_OUTPUT_FD,
  type RunJob,
  type ServerMessage,
  type WorkerMessage,
} from './protocol';

/** Node flags of a worker: isolated-vm needs the startup snapshot off, tsx loads TypeScript. */
export const WORKER_EXEC_ARGV = ['--no-node-snapshot', '--import', 'tsx'];

/**
 * Environment variables a worker inherits. Workers never open the database or read the server's
 * configuration, so `DATABASE_URL` and other credentials stay out of their reach.
 */
export const WORKER_ENV_NAMES = [
  'PATH',
  'HOME',
  'TMPDIR',
  'TZ',
  'LANG',
  'LC_ALL',
  'NODE_ENV',
  'NODE_OPTIONS',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
];

function workerEnvironment(): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const name of WORKER_ENV_NAMES) {
    const value = process.env[name];
    if (value !== undefined) environment[name] = value;
  }
  return environment;
}

/** Time the server gives a worker past the run's own time limit before it stops the worker. */
export const DEADLINE_GRACE_MS = 5_000;

interface ActiveJob {
  progress: JobProgress;
  context: EngineContext;
  memoryLimitMb: number;
  /** Controllers of the data calls in flight, by call id, to cancel them on request. */
  calls: Map<number, AbortController>;
  deadline: NodeJS.Timeout;
  /** The reason the server ended the worker, when it did. */
  lossByServer?: WorkerLoss;
  resolve(result: RunResult): void;
  reject(error: Error): void;
}

export interface WorkerProcessEvents {
  /** The worker exited; `wasReady` is false when it never finished starting. */
  onExit(worker: WorkerProcess, loss: WorkerLoss & { kind: 'exited' }, wasReady: boolean): void;
}

export class WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves once the worker has loaded the engine and can take a job. */
  readonly ready: Promise<void>;
  runsFinished = 0;
  private isReady = false;
  private hasExited = false;
  private job: ActiveJob | undefined;

  constructor(
    entry: string,
    events: WorkerProcessEvents,
    private readonly logger: EngineLogger,
  ) {
    this.child = fork(entry, [], {
      execArgv: WORKER_EXEC_ARGV,
      // Next.js types declare NODE_ENV as always set, which is not so outside Next.js.
      env: workerEnvironment() as NodeJS.ProcessEnv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc', 'pipe'],
    });

    this.ready = new Promise((resolve, reject) => {
      this.readLines(this.child.stdio[WORKER_OUTPUT_FD] as Readable, (message) => {
        if (message.type !== 'ready') return this.handle(message);

        this.isReady = true;
        // An idle worker must not keep the server's process alive on its own.
        if (!this.job) this.unref();
        resolve();
      });
      // 'close' comes after the output pipe has been read to its end, so no line is missed.
      const onEnd = (code: number | null, signal: NodeJS.Signals | null) => {
        reject(new Error(`The run worker process exited while starting (${code ?? signal})`));
        this.handleExit({ kind: 'exited', code, signal }, events);
      };
      this.child.once('close', onEnd);
      // A process that cannot be spawned may report only an error, without an exit.
      this.child.once('error', (error) => {
        this.logger.error?.({ err: error, pid: this.pid }, 'run worker process failed');
        this.kill();
        if (this.child.pid === undefined) onEnd(1, null);
      });
    });
    // A start failure is reported through onExit; this only keeps it from being unhandled.
    this.ready.catch(() => {});
  }

  get isBusy(): boolean {
    return this.job !== undefined;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Runs a job; the worker must be ready and idle. Never rejects for a lost worker. */
  run(job: RunJob, request: RunGraphRequest): Promise<RunResult> {
    if (this.job !== undefined) throw new Error('A run worker process runs one job at a time');

    const maxExecutionTimeMs = job.options.limits?.maxExecutionTimeMs ?? 30_000;
    this.child.ref();
    (this.child.channel as { ref?(): void } | null | undefined)?.ref?.();
    (this.child.stdio[WORKER_OUTPUT_FD] as Readable & { ref?(): void }).ref?.();

    return new Promise<RunResult>((resolve, reject) => {
      this.job = {
        progress: {
          job,
          sentAt: performance.now(),
          sentAtIso: new Date().toISOString(),
          steps: [],
          assignments: [],
          running: [],
          queryCount: 0,
        },
        context: request.context,
        memoryLimitMb: job.options.memoryLimitMb ?? 64,
        calls: new Map(),
        deadline: setTimeout(
          () => this.stopAfterDeadline(maxExecutionTimeMs),
          maxExecutionTimeMs + DEADLINE_GRACE_MS,
        ),
        resolve,
        reject,
      };
      this.send({ type: 'run', job });
    });
  }

  /** Ends the worker because the server shuts down; a job in flight ends with that reason. */
  stop(): void {
    if (this.job) this.job.lossByServer = { kind: 'stopped' };
    this.kill();
  }

  /** Ends the worker; a job in flight becomes a lost run. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }

  /** Calls `onMessage` with each JSON line of the worker's output pipe. */
  private readLines(output: Readable, onMessage: (message: WorkerMessage) => void): void {
    const decoder = new StringDecoder('utf8');
    let buffered = '';

    output.on('data', (chunk: Buffer) => {
      const lines = (buffered + decoder.write(chunk)).split('\n');
      buffered = lines.pop()!;
      for (const line of lines) this.readLine(line, onMessage);
    });
    output.on('error', (error) => {
      this.logger.error?.({ err: error, pid: this.pid }, 'reading a run worker process failed');
      this.kill();
    });
  }

  /** Handles one line; a worker that breaks the protocol is stopped, which loses its run. */
  private readLine(line: string, onMessage: (message: WorkerMessage) => void): void {
    try {
      onMessage(JSON.parse(line) as WorkerMessage);
    } catch (error) {
      this.logger.error?.(
        { err: error, pid: this.pid, line: line.slice(0, 200) },
        'run worker process sent a line that is not a message',
      );
      if (this.job) this.job.lossByServer = { kind: 'protocol' };
      this.kill();
    }
  }

  private unref(): void {
    this.child.unref();
    (this.child.channel as { unref?(): void } | null | undefined)?.unref?.();
    (this.child.stdio[WORKER_OUTPUT_FD] as Readable & { unref?(): void }).unref?.();
  }

  private send(message: ServerMessage): void {
    if (this.child.connected) this.child.send(message);
  }

  private stopAfterDeadline(maxExecutionTimeMs: number): void {
    if (!this.job) return;

    this.job.lossByServer = { kind: 'deadline', maxExecutionTimeMs };
    this.logger.warn?.(
      { runId: this.job.progress.job.options.runId, pid: this.pid, maxExecutionTimeMs },
      'run worker process missed the run deadline and is being stopped',
    );
    this.kill();
  }

  private handle(message: WorkerMessage): void {
    const job = this.job;
    if (message.type === 'log') {
      // Lines from outside a run go to the pool's own logger.
      const logger = job?.context.logger ?? this.logger;
      logger[message.level]?.(message.meta, message.message);
      return;
    }
    if (!job) return;

    switch (message.type) {
      case 'data-call':
        void this.serveDataCall(job, message.callId, message.method, message.args);
        break;
      case 'data-abort':
        job.calls.get(message.callId)?.abort(new Error('The run cancelled this data call'));
        break;
      case 'step-start':
        job.progress.running.push({ ...message, startedAt: performance.now() });
        this.notify(job, () => job.context.onStepStart?.(message.blockId, message.iteration));
        break;
      case 'step':
        this.recordStep(job, message.step);
        break;
      case 'assignment':
        job.progress.assignments.push(message.assignment);
        break;
      case 'result':
        this.finish(job, () =>
          job.resolve({
            ...message.result,
            assignments: [...message.result.assignments, ...job.progress.assignments],
          }),
        );
        break;
      case 'failed':
        this.finish(job, () => job.reject(restoreError(message.error)));
        break;
    }
  }

  private recordStep(job: ActiveJob, step: RunResult['executionTrace']['steps'][number]): void {
    const { running, steps } = job.progress;
    steps.push(step);

    for (let i = running.length - 1; i >= 0; i--) {
      const entry = running[i]!;
      if (entry.blockId === step.blockId && entry.iteration === step.iteration) {
        running.splice(i, 1);
        break;
      }
    }
    this.notify(job, () => job.context.onStep?.(step));
  }

  /**
   * Runs one data call on the server's DataAccess. The worker may only name the tenant of its
   * job, so that even a worker gone wrong cannot read another tenant's rows.
   */
  private async serveDataCall(job: ActiveJob, callId: number, method: string, args: unknown[]) {
    const tenantId = job.progress.job.tenantId;
    const controller = new AbortController();
    job.calls.set(callId, controller);

    try {
      if (!(DATA_METHODS as readonly string[]).includes(method)) {
        throw new Error(`Data access has no method "${method}"`);
      }
      if (args[0] !== tenantId) {
        throw new Error(`Data call "${method}" named another tenant than the run's own`);
      }
      if (method === 'queryRows' || method === 'findRow') job.progress.queryCount += 1;

      const call = job.context.data[method as (typeof DATA_METHODS)[number]] as (
        ...callArgs: unknown[]
      ) => Promise<unknown>;
      const value = await call.apply(job.context.data, [...args, controller.signal]);
      this.send({ type: 'data-result', callId, value });
    } catch (error) {
      this.send({ type: 'data-error', callId, error: copyError(error) });
    } finally {
      job.calls.delete(callId);
    }
  }

  private notify(job: ActiveJob, callback: () => void): void {
    try {
      callback();
    } catch (error) {
      job.context.logger?.warn?.(
        { err: error, runId: job.progress.job.options.runId },
        'run progress callback failed',
      );
    }
  }

  private finish(job: ActiveJob, settle: () => void): void {
    clearTimeout(job.deadline);
    for (const controller of job.calls.values()) controller.abort(new Error('The run ended'));
    this.job = undefined;
    this.runsFinished += 1;
    this.unref();
    settle();
  }

  private handleExit(loss: WorkerLoss & { kind: 'exited' }, events: WorkerProcessEvents): void {
    if (this.hasExited) return;
    this.hasExited = true;

    const job = this.job;
    if (job) {
      const result = lostRunResult(job.progress, job.lossByServer ?? loss, job.memoryLimitMb);
      this.finish(job, () => job.resolve(result));
    }
    events.onExit(this, loss, this.isReady);
  }
}
