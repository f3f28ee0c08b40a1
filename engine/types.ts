/**
 * The contracts the engine shares with the app, the command line and the benchmarks:
 * the workflow graph, the run request and the execution trace.
 */

export type ExecutionMode = 'live' | 'preview' | 'snapshot';

export const BLOCK_TYPES = [
  'input',
  'query',
  'write',
  'js',
  'http',
  'branch',
  'loop',
  'output',
] as const;

export type BlockType = (typeof BLOCK_TYPES)[number];

export const FILTER_OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'in',
  'isNull',
  'notNull',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export const COLUMN_TYPES = ['text', 'number', 'boolean', 'date', 'json'] as const;

export type ColumnType = (typeof COLUMN_TYPES)[number];

/** A filter of a query block as written in the graph: `value` is an expression. */
export interface QueryFilterConfig {
  column: string;
  op: FilterOperator;
  value?: string;
}

export interface QuerySortConfig {
  column: string;
  direction: 'asc' | 'desc';
}

export interface InputBlockConfig {
  /** JSON schema of the run input (a subset: type, properties, required, items). */
  schema?: unknown;
}

export interface QueryBlockConfig {
  table: string;
  filters?: QueryFilterConfig[];
  sort?: QuerySortConfig[];
  /** Row limit; default 100, maximum 10,000. */
  limit?: number;
  /** When true, the output is the first row or null instead of an array. */
  single?: boolean;
  outputKey: string;
}

export type WriteOperation = 'insert' | 'update' | 'delete';

export interface WriteBlockConfig {
  table: string;
  operation: WriteOperation;
  /** Expression of the row id, for update and delete. */
  rowId?: string;
  /** Column name to expression. */
  values?: Record<string, string>;
  outputKey: string;
  /** Expression; when set, the idempotency guard works per key instead of per block. */
  idempotencyKey?: string;
}

export interface JsBlockConfig {
  /** A function body that returns a JSON value. */
  code: string;
  outputKey: string;
  timeoutMs?: number;
}

export interface HttpBlockConfig {
  method: string;
  /** Expression of the URL. */
  url: string;
  /** Header name to expression. */
  headers?: Record<string, string>;
  /** Expression of the body; objects are sent as JSON. */
  body?: string;
  outputKey: string;
  timeoutMs?: number;
  /** Extra attempts after a failed or timed-out request; default 0. */
  retries?: number;
  idempotencyKey?: string;
}

export interface BranchBlockConfig {
  condition: string;
}

export interface LoopBlockConfig {
  /** Expression that evaluates to an array. */
  items: string;
  /** Name of the item variable inside the body; default `item`. */
  as?: string;
  /**
   * Variable that receives an array with one entry per iteration: the value of the last body
   * block that executed and assigned its outputKey in that iteration, or null when none did.
   */
  outputKey?: string;
}

export interface OutputBlockConfig {
  /** Expression of the run's output; when several output blocks run, the last one wins. */
  value: string;
}

interface BlockConfigByType {
  input: InputBlockConfig;
  query: QueryBlockConfig;
  write: WriteBlockConfig;
  js: JsBlockConfig;
  http: HttpBlockConfig;
  branch: BranchBlockConfig;
  loop: LoopBlockConfig;
  output: OutputBlockConfig;
}

/** Config common to every block type. */
export interface CommonBlockConfig {
  /** Expression; when it is false the block is skipped with the reason `condition false`. */
  condition?: string;
}

export type BlockConfig<T extends BlockType = BlockType> = BlockConfigByType[T] & CommonBlockConfig;

export interface GraphNode<T extends BlockType = BlockType> {
  id: string;
  type: T;
  name?: string;
  position?: { x: number; y: number };
  /** The loop block whose body contains this block. */
  parentId?: string;
  config: BlockConfig<T>;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** `true` or `false` on the outgoing edges of a branch block. */
  label?: string;
}

export interface WorkflowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface WorkflowVersionRef {
  id: string;
  workflowId: string;
  graph: WorkflowGraph;
}

export interface RunLimits {
  /** Wall-clock limit of the whole run; default 30,000 ms. */
  maxExecutionTimeMs: number;
  /** Maximum number of steps, every loop iteration counted; default 1000. */
  maxSteps: number;
}

export interface SnapshotOptions {
  sourceRunId: string;
  checkpointStep: number;
  /** Commit writes and send requests instead of staging them; default false. */
  commit?: boolean;
  /** Side effects that ran before the checkpoint in the source run, seeded into the guard. */
  executedSideEffects?: ExecutedSideEffect[];
}

/** A side effect already executed, identified the way the idempotency guard keys it. */
export interface ExecutedSideEffect {
  blockId: string;
  idempotencyKey?: string;
  stepIndex: number;
}

// ---- trace ----

export type RunStatus = 'success' | 'error';

export type ErrorKind = 'validation' | 'block' | 'limit';

export interface TraceMetrics {
  totalDurationMs: number;
  dbTimeMs: number;
  jsTimeMs: number;
  httpTimeMs: number;
  queryCount: number;
  cacheHits: number;
  stepCount: number;
  skippedCount: number;
  isolatesCreated: number;
  scriptsCompiled: number;
}

export type StepStatus = 'executed' | 'skipped' | 'error';

export interface StepSideEffects {
  writes?: unknown[];
  requests?: unknown[];
  /** True when the writes went to the run's overlay and the requests were recorded, not sent. */
  staged: boolean;
}

/**
 * The placeholder the trace keeps in place of a value whose JSON is larger than 64 KB: a step's
 * `inputs`, `output` or `skipDetail`, or one entry of `sideEffects.writes`/`requests`. `size` is
 * the JSON's length in UTF-8 bytes and `preview` its first 2048 characters, so it is not
 * parseable JSON. The untruncated value stays in `RunResult.assignments`.
 */
export interface TruncatedValue {
  truncated: true;
  size: number;
  preview: string;
}

export interface StepTrace {
  /**
   * Position in `steps`, which are in order of completion: a loop's own step comes after the
   * steps of its body, while its `startOffsetMs` places it before them.
   */
  index: number;
  blockId: string;
  blockType: string;
  iteration?: number;
  status: StepStatus;
  skipReason?: string;
  /** Detail of a skip: the condition's value, the first execution, or the checkpoint. */
  skipDetail?: unknown;
  cacheHit?: boolean;
  cacheKey?: string;
  startOffsetMs: number;
  durationMs: number;
  dbTimeMs?: number;
  jsTimeMs?: number;
  httpTimeMs?: number;
  inputs?: unknown;
  output?: unknown;
  /** Console lines printed by a `js` block, capped. */
  logs?: string[];
  error?: string;
  sideEffects?: StepSideEffects;
}

export interface TraceError {
  message: string;
  blockId?: string;
  kind: ErrorKind;
  /** Every validation problem, when `kind` is `validation`. */
  problems?: ValidationProblem[];
}

export interface ExecutionTrace {
  runId: string;
  workflowId: string;
  versionId: string;
  mode: ExecutionMode;
  status: RunStatus;
  startedAt: string;
  finishedAt: string;
  error?: TraceError;
  snapshot?: { sourceRunId: string; checkpointStep: number };
  metrics: TraceMetrics;
  steps: StepTrace[];
}

/**
 * One assignment of a block's output to a run variable, untruncated. In a snapshot run the
 * checkpoint variables it started from come first, with `stepIndex` -1.
 */
export interface VariableAssignment {
  stepIndex: number;
  key: string;
  value: unknown;
}

export interface RunResult {
  status: RunStatus;
  output: unknown;
  executionTrace: ExecutionTrace;
  /**
   * Every variable assignment in step order. The variables after step N, the checkpoint of a
   * replay, are the assignments with `stepIndex <= N` applied in order.
   */
  assignments: VariableAssignment[];
}

/**
 * `inputJson` of a snapshot run: the source run's input and its variables at the checkpoint.
 */
export interface SnapshotInput {
  input: unknown;
  vars: Record<string, unknown>;
}

export interface ValidationProblem {
  /** The block the problem belongs to; absent for graph-wide problems. */
  blockId?: string;
  edgeId?: string;
  code: string;
  message: string;
}
