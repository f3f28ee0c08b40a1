/**
 * Entry point of a run worker process (see pool.ts for why runs execute in child processes).
 * Started as `node --no-node-snapshot --import tsx lib/run-worker/worker-main.ts` with an IPC
 * channel. It runs one job at a time with `runGraph`: data access goes back to the server over
 * IPC, and progress, assignments and log lines stream to it as they happen.
 *
 * It imports the engine and nothing that opens a database or reads the server's configuration.
 */

import { writeSync } from 'node:fs';

import { runGraph } from '../../engine';
import type { EngineLogger } from '../../engine/run-request';
import {
  copyError,
  WORKER_OUTPUT_FD,
  type LogLevel,
  type RunJob,
  type ServerMessage,
  type WorkerMessage,
} from './protocol';
import { RemoteDataAccess } from './remote-data-access';

/**
 * Ends this process at once. `process.exit()` is not enough: it waits for isolated-vm to dispose
 * the isolate, which never happens while a script keeps the isolate's thread busy.
 */
function exitNow(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable: the process was killed');
}

/** Writes a message line to the output pipe before returning (see protocol.ts for why). */
function send(message: WorkerMessage): void {
  const line = Buffer.from(`${JSON.stringify(message)}\n`, 'utf8');

  try {
    for (let written = 0; written < line.length;) {
      written += writeSync(WORKER_OUTPUT_FD, line, written);
    }
  } catch {
    // The pipe closes only when the server is gone, and then no run can finish anyway.
    exitNow();
  }
}

/** Copies log metadata into plain data; errors become their name, code, message and stack. */
function plainMeta(meta: object): object {
  try {
    return JSON.parse(
      JSON.stringify(meta, (_key, value: unknown) =>
        value instanceof Error ? { ...copyError(value), stack: value.stack } : value,
      ),
    ) as object;
  } catch {
    return { note: 'log metadata could not be copied' };
  }
}

function logVia(level: LogLevel) {
  return (meta: object, message: string) =>
    send({ type: 'log', level, meta: plainMeta(meta), message });
}

const logger: EngineLogger = {
  debug: logVia('debug'),
  info: logVia('info'),
  warn: logVia('warn'),
  error: logVia('error'),
};

const remote = new RemoteDataAccess(send);

async function runJob(job: RunJob): Promise<void> {
  try {
    const result = await runGraph({
      workflowVersion: job.workflowVersion,
      inputJson: job.inputJson,
      tenantId: job.tenantId,
      executionMode: job.executionMode,
      options: job.options,
      context: {
        data: remote.access,
        logger,
        httpAllowList: job.httpAllowList,
        onStepStart: (blockId, iteration) => send({ type: 'step-start', blockId, iteration }),
        onStep: (step) => send({ type: 'step', step }),
        onAssignment: (assignment) => send({ type: 'assignment', assignment }),
      },
    });

    // The server already has every assignment a step made, from the stream. Only the
    // checkpoint variables of a snapshot run (step index -1) travel with the result.
    const seeds = result.assignments.filter((assignment) => assignment.stepIndex < 0);
    send({ type: 'result', result: { ...result, assignments: seeds } });
  } catch (error) {
    send({ type: 'failed', error: copyError(error) });
  }
}

process.on('message', (message: ServerMessage) => {
  switch (message.type) {
    case 'run':
      void runJob(message.job);
      break;
    case 'data-result':
      remote.settle(message.callId, { value: message.value });
      break;
    case 'data-error':
      remote.settle(message.callId, { error: message.error });
      break;
  }
});

// Without the server, no data call is served and no result is stored.
process.on('disconnect', exitNow);

// NOTE: the worker reports ready without a warm-up run, so its first run compiles the engine.
// A warm-up run that prepared spare isolates made `new Array(2 ** 28).fill(0)` leave V8 stuck in
// garbage collection until the run's deadline, instead of ending the worker within seconds.
// This was seen with isolated-vm 6.2.0 on Node 24.22, and the cause is not known.
send({ type: 'ready' });
