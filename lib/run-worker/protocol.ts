/**
 * The messages between the server and a run worker process. The server sends one job at a time
 * over the IPC channel. The worker sends progress, log lines, data-access calls and finally the
 * result, as JSON lines on the pipe at `WORKER_OUTPUT_FD`.
 *
 * The worker writes that pipe synchronously, so every line is in the kernel's pipe buffer before
 * the worker goes on. Lines therefore survive a crash a moment later, which IPC messages still
 * queued in the worker's event loop do not, and they keep one order with the result.
 */

import type { DataAccess } from '../../engine/data';
import type { RunOptions } from '../../engine/run-request';
import type {
  ExecutionMode,
  RunResult,
  StepTrace,
  VariableAssignment,
  WorkflowVersionRef,
} from '../../engine/types';

/** File descriptor of the worker's output pipe, after stdin, stdout, stderr and IPC. */
export const WORKER_OUTPUT_FD = 4;

/** The DataAccess methods a worker may call on the server. */
export const DATA_METHODS = [
  'findTable',
  'queryRows',
  'findRow',
  'insertRow',
  'updateRow',
  'deleteRow',
] as const satisfies ReadonlyArray<keyof DataAccess>;

export type DataMethod = (typeof DATA_METHODS)[number];

/** The serializable part of a `RunGraphRequest`; the worker builds the context around it. */
export interface RunJob {
  workflowVersion: WorkflowVersionRef;
  inputJson: unknown;
  tenantId: string;
  executionMode: ExecutionMode;
  options: RunOptions & { runId: string };
  httpAllowList: string[];
}

/** An error copied across the process boundary: its class name, `code` and message. */
export interface ErrorCopy {
  name: string;
  code?: string;
  message: string;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type ServerMessage =
  | { type: 'run'; job: RunJob }
  | { type: 'data-result'; callId: number; value: unknown }
  | { type: 'data-error'; callId: number; error: ErrorCopy };

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'data-call'; callId: number; method: DataMethod; args: unknown[] }
  | { type: 'data-abort'; callId: number }
  | { type: 'step-start'; blockId: string; iteration: number | undefined }
  | { type: 'step'; step: StepTrace }
  | { type: 'assignment'; assignment: VariableAssignment }
  | { type: 'log'; level: LogLevel; meta: object; message: string }
  /** `assignments` holds only a snapshot run's checkpoint variables; the rest were streamed. */
  | { type: 'result'; result: RunResult }
  | { type: 'failed'; error: ErrorCopy };

/** Copies an error's name, `code` and message, which is all that crosses the boundary. */
export function copyError(error: unknown): ErrorCopy {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };

  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/** Rebuilds an error from its copy, so that callers can check `code` and `name` as before. */
export function restoreError(copy: ErrorCopy): Error {
  const error = new Error(copy.message);
  error.name = copy.name;
  if (copy.code !== undefined) Object.assign(error, { code: copy.code });
  return error;
}
