/**
 * Everything one run carries while its blocks execute: the injected services, the per-run
 * cache, guard and overlay, the variables and the trace being recorded.
 */

import type { DataAccess } from './data';
import type { IndexedGraph } from './graph';
import type { HttpAllowList } from './http/allow-list';
import type { IdempotencyGuard } from './idempotency';
import type { RunBudget } from './limits';
import type { WriteOverlay } from './overlay';
import type { QueryCache } from './query-cache';
import type { EngineContext, EngineLogger } from './run-request';
import type { RunSandbox } from './sandbox/types';
import type { TableCatalog } from './table-catalog';
import type { TraceRecorder } from './trace-recorder';
import type { ExecutionMode, VariableAssignment } from './types';

export interface SnapshotState {
  sourceRunId: string;
  checkpointStep: number;
  /** Variable names present at the checkpoint; top-level blocks writing them are skipped. */
  satisfiedKeys: ReadonlySet<string>;
}

export interface RunState {
  runId: string;
  tenantId: string;
  mode: ExecutionMode;
  /** True in preview and in snapshot runs without `commit`: writes and requests are staged. */
  stagesSideEffects: boolean;
  graph: IndexedGraph;
  data: DataAccess;
  sandbox: RunSandbox;
  budget: RunBudget;
  recorder: TraceRecorder;
  cache: QueryCache;
  guard: IdempotencyGuard;
  overlay: WriteOverlay;
  tables: TableCatalog;
  httpAllowList: HttpAllowList;
  snapshot?: SnapshotState;
  logger?: EngineLogger;
  callbacks: Pick<EngineContext, 'onStepStart' | 'onAssignment'>;
  /** The run input (in a snapshot run, the source run's input). */
  inputValue: unknown;
  /** The run's variables on the host side; the sandbox keeps its own frozen copy. */
  vars: Record<string, unknown>;
  assignments: VariableAssignment[];
  /** The value of the last `output` block that ran; null when none did. */
  output: unknown;
  /** The innermost block that was running when the run failed. */
  failedBlockId?: string;
}
