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

export interface AssignOptions {
  /** Block whose output is assigned, used in error messages. */
  blockId?: string;
}

export interface SandboxStats {
  isolatesCreated: number;
  scriptsCompiled: number;
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
