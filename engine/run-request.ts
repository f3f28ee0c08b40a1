/**
 * The request `runGraph` takes: what to run, how, and the services the caller injects.
 */

import type { DataAccess } from './data';
import type {
  ExecutionMode,
  RunLimits,
  SnapshotOptions,
  StepTrace,
  VariableAssignment,
  WorkflowVersionRef,
} from './types';

/** A pino-compatible logger: constant message text plus a metadata object. */
export interface EngineLogger {
  info(meta: object, message: string): void;
  debug?(meta: object, message: string): void;
  warn?(meta: object, message: string): void;
  error?(meta: object, message: string): void;
}

export interface RunOptions {
  /** Keeps step `inputs`, `output` and `logs` in the trace; default true. */
  debug?: boolean;
  /** Defaults: 30,000 ms and 1000 steps. The caller caps them at its own maximum first. */
  limits?: Partial<RunLimits>;
  /** Required in `snapshot` mode: the run and step the replay starts from. */
  snapshot?: SnapshotOptions;
  /** The run's id; a random UUID when absent. */
  runId?: string;
  /** Memory limit of the run's sandbox isolate, in megabytes; default 64. */
  memoryLimitMb?: number;
}

export interface EngineContext {
  data: DataAccess;
  logger?: EngineLogger;
  /**
   * `host:port` entries (`api.example.com:443`, `127.0.0.1:8080`, `[::1]:8080`) that live `http`
   * blocks may reach. Everything else is rejected before connecting.
   */
  httpAllowList?: string[];
  /** Called when a block starts, before its condition is evaluated. */
  onStepStart?(blockId: string, iteration: number | undefined): void;
  /** Called with every step as it is recorded. */
  onStep?(step: StepTrace): void;
  /**
   * Called with every assignment a step makes, right after its step is recorded. The checkpoint
   * variables a snapshot run starts from are not reported.
   */
  onAssignment?(assignment: VariableAssignment): void;
}

export interface RunGraphRequest {
  workflowVersion: WorkflowVersionRef;
  /** The run input; in `snapshot` mode a `SnapshotInput`. */
  inputJson: unknown;
  tenantId: string;
  executionMode: ExecutionMode;
  options?: RunOptions;
  context: EngineContext;
}
