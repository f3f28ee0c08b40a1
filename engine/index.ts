/**
 * The workflow engine's public surface: run a graph, validate one, and the types they share
 * with the app, the command line and the benchmarks.
 */

export { runGraph, DEFAULT_MEMORY_LIMIT_MB } from './run-graph';
export { validateGraph } from './validate';
export type { SyntaxCheckers } from './validate-config';
export { DEFAULT_QUERY_LIMIT, MAX_QUERY_LIMIT } from './validate-config';
export { MAX_GRAPH_NODES, MAX_GRAPH_JSON_BYTES } from './validate-structure';
export type { ValidationCode } from './validation-problems';
export type { EngineContext, EngineLogger, RunGraphRequest, RunOptions } from './run-request';
export { DEFAULT_LIMITS } from './limits';
export { MAX_TRACE_VALUE_BYTES } from './trace-recorder';
export { BRANCH_SKIP_REASON, CONDITION_SKIP_REASON, SNAPSHOT_SKIP_REASON } from './step-runner';
export { GUARD_SKIP_REASON } from './blocks/side-effect-guard';
export {
  BlockError,
  EngineError,
  HttpRequestFailedError,
  HttpRequestRejectedError,
  RunLimitError,
  isBlockError,
  isRunLimitError,
  type EngineErrorCode,
} from './errors';
export { OPERATORS_BY_COLUMN_TYPE } from './row-filter';
export type * from './data';
export * from './types';
