/**
 * The contract between the scheduler and the sandbox. Every expression and every `js` block of a
 * run is evaluated in that run's single isolated-vm isolate, never in the server's own realm.
 *
 * The run's variables live inside the isolate: the scheduler assigns each block output once with
 * `assign` (or lets a script store its result directly with `assignTo`), and expressions read
 * `vars`, `input`, `item` and `index` there, so no call copies the whole variable set in.
 */

export interface SandboxLocals {
  /** Loop item, under the loop's `as` name (default `item`). */
  item?: unknown;
  index?: number;
  /** The name `item` is exposed under inside the body when the loop sets `as`. */
  itemName?: string;
}

export interface EvaluateOptions {
  /** Wall-clock bound of this call, already the smaller of the block's own and the run's left. */
  timeoutMs: number;
  /** Block id, used in error messages. */
  blockId: string;
  /** Config field being evaluated (`condition`, `filters[0].value`, `url`), for error messages. */
  field: string;
}

export interface ScriptOptions extends EvaluateOptions {
  /** Store the result in `vars[assignTo]` inside the isolate as well as returning it. */
  assignTo?: string;
}

export interface SandboxCallResult {
  /** The value, copied out of the isolate following the value rules of engine/sandbox. */
  value: unknown;
  /** Time spent inside the isolate call itself, in milliseconds. */
  jsTimeMs: number;
}

export interface ScriptCallResult extends SandboxCallResult {
  /** `console.log`/`warn`/`error` lines of the script, capped. */
  logs: string[];
}

/** One `js` block of a chain run by `runScriptChain`. */
export interface ScriptChainStep {
  /** The block's code, a function body that returns a JSON value. */
  code: string;
  /** Block id, used in the debug log. */
  blockId: string;
  /** Store the result in `vars[assignTo]` inside the isolate before the next block runs. */
  assignTo?: string;
}

export interface ScriptChainOptions {
  /**
   * Wall-clock bound of the whole chain, already the smallest of the blocks' own timeouts and the
   * run's time left. The chain also stays within the sandbox's synchronous budget.
   */
  timeoutMs: number;
}

/** A block of a chain that finished. Times are `performance.now()` readings, in milliseconds. */
export interface ChainedScriptResult {
  value: unknown;
  logs: string[];
  /** When the block's span began: the end of the block before it, or the chain's start. */
  startedAt: number;
  finishedAt: number;
  /**
   * Time in the sandbox call: the whole span, except that the first block's leaves out any wait
   * for the isolate before the call.
   */
  jsTimeMs: number;
}

export interface AssignOptions {
  /** Block whose output is assigned, used in error messages. */
  blockId?: string;
}

export interface SandboxStats {
  isolatesCreated: number;
  /**
   * Distinct sources compiled into the run's isolates: each counts once per isolate, whether V8
   * parsed it or took it from the process's code cache (`codeCacheHits` counts those compiles).
   */
  scriptsCompiled: number;
  /**
   * Compiles that V8 took from the process's code cache; one compile may hold a whole chain of
   * sources.
   */
  codeCacheHits: number;
}

/**
 * One run's sandbox. The isolate is created lazily on the first call and released by `dispose`,
 * which the scheduler calls in a `finally`.
 */
export interface RunSandbox {
  /** Sets `input` and the initial `vars` (a snapshot's checkpoint variables) in the isolate. */
  initialize(input: unknown, vars: Record<string, unknown>): Promise<void>;

  /**
   * Sets `vars[key]` inside the isolate. `options.blockId` names the block that produced the
   * value in error messages.
   */
  assign(key: string, value: unknown, options?: AssignOptions): Promise<void>;

  /** Evaluates an expression such as `vars.order.freight > 500`. */
  evaluate(
    source: string,
    locals: SandboxLocals,
    options: EvaluateOptions,
  ): Promise<SandboxCallResult>;

  /** Runs a `js` block's code, a function body that returns a JSON value. */
  runScript(code: string, locals: SandboxLocals, options: ScriptOptions): Promise<ScriptCallResult>;

  /**
   * Runs consecutive `js` blocks in one call into the isolate, each seeing the outputs the blocks
   * before it assigned, and times each block inside the isolate. Returns the results of the blocks
   * that finished, in order. The chain stops before a block that throws or returns a value that
   * cannot cross, and returns no results when the call ran past its time or memory, or could not
   * start: the caller runs the remaining blocks one at a time with `runScript`, which reports the
   * failure. Blocks that finished have their outputs assigned, so they must not run again.
   */
  runScriptChain(
    steps: readonly ScriptChainStep[],
    locals: SandboxLocals,
    options: ScriptChainOptions,
  ): Promise<ChainedScriptResult[]>;

  readonly stats: SandboxStats;

  dispose(): void;
}

/** The logger the sandbox writes to: pino's `(metadata, message)` signature, so pino fits. */
export interface SandboxLogger {
  debug(metadata: object, message: string): void;
  warn(metadata: object, message: string): void;
  error(metadata: object, message: string): void;
}

/**
 * A sandbox failure, with a stable `code` so callers tell kinds apart without `instanceof`:
 * `SANDBOX_TIMEOUT`, `SANDBOX_MEMORY_LIMIT`, `SANDBOX_SCRIPT_ERROR`, `SANDBOX_VALUE` (a value
 * that cannot cross the boundary).
 */
export interface SandboxErrorShape {
  name: 'SandboxError';
  code: 'SANDBOX_TIMEOUT' | 'SANDBOX_MEMORY_LIMIT' | 'SANDBOX_SCRIPT_ERROR' | 'SANDBOX_VALUE';
  blockId: string;
  field: string;
  message: string;
  /** Console lines the code wrote before it failed, capped like `ScriptCallResult.logs`. */
  logs?: string[];
}
