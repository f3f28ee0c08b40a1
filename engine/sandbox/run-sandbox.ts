import { runChain, type ChainHost } from './chain-run';
import { compiledScript } from './compile';
import {
  callFailedError,
  memoryLimitError,
  SandboxError,
  scriptSetupError,
  timeoutError,
  valueError,
  type CallSite,
} from './errors';
import {
  callSync,
  callWithBudget,
  classifyInterruption,
  GuestInterruption,
  openEnvelope,
  type CallOutcome,
  type InterruptionKind,
} from './guest-call';
import { disposeGuestRuntime, type GuestRuntime } from './isolate';
import { takeGuestRuntime } from './isolate-pool';
import { chain, mapFailure, settle, type MaybePromise } from './maybe-async';
import { resolveOptions, type ResolvedOptions, type RunSandboxOptions } from './options';
import { ScriptCache } from './script-cache';
import { checkItemName, DEFAULT_ITEM_NAME, type SourceKind } from './source';
import type {
  AssignOptions,
  ChainedScriptResult,
  EvaluateOptions,
  RunSandbox,
  SandboxCallResult,
  SandboxLocals,
  SandboxStats,
  ScriptCallResult,
  ScriptChainOptions,
  ScriptChainStep,
  ScriptOptions,
} from './types';

export type { RunSandboxOptions } from './options';

/**
 * Time limit of `initialize` and `assign`. They run only our own checking code on server data,
 * so the limit only stops a huge value from holding the event loop indefinitely.
 */
const DATA_TIMEOUT_MS = 10_000;

const DISPOSED_MESSAGE = 'The run sandbox was disposed; create a new one for the next run';

/**
 * A run's sandbox: one isolated-vm isolate, created on the first call and reused by every
 * expression and `js` block of the run.
 *
 * State rule: `input` and every value in `vars` are deep-frozen copies, and the realm's global
 * object and built-ins are frozen before user code runs (guest-harden.ts), so a block can change
 * neither a value another block later receives nor a global. Nothing survives the run, because
 * the isolate is disposed with it.
 *
 * When the isolate is lost to its memory limit, the next call creates a new one and restores
 * `input` and `vars` from the values this object kept. After a timeout the isolate stays in use:
 * V8 stops the script and drops its pending promise jobs, and the run's state only changes when a
 * call returns.
 */
export class IsolateRunSandbox implements RunSandbox {
  readonly stats: SandboxStats = { isolatesCreated: 0, scriptsCompiled: 0, codeCacheHits: 0 };
  private readonly options: ResolvedOptions;
  private runtime: GuestRuntime | undefined;
  private acquiring: Promise<GuestRuntime> | undefined;
  private scripts = new ScriptCache();
  private disposed = false;
  /** The server's view of `input` and `vars`, kept to restore them into a new isolate. */
  private input: unknown = null;
  private readonly vars = new Map<string, unknown>();

  constructor(options: RunSandboxOptions = {}) {
    this.options = resolveOptions(options);
  }

  /** True while an isolate is allocated; false before the first call and after `dispose`. */
  get hasIsolate(): boolean {
    return this.runtime !== undefined && !this.runtime.isolate.isDisposed;
  }

  initialize(input: unknown, vars: Record<string, unknown>): Promise<void> {
    const site = { blockId: '', field: 'input', subject: 'input or vars' };
    return settle(() =>
      chain(this.sendData('initialize', [input, vars], site), () => {
        this.input = input;
        this.vars.clear();
        for (const [key, value] of Object.entries(vars)) this.vars.set(key, value);
      }),
    );
  }

  assign(key: string, value: unknown, options: AssignOptions = {}): Promise<void> {
    const site = { blockId: options.blockId ?? '', field: `vars.${key}`, subject: `vars.${key}` };
    return settle(() =>
      chain(this.sendData('assign', [key, value], site), () => {
        this.vars.set(key, value);
      }),
    );
  }

  evaluate(
    source: string,
    locals: SandboxLocals,
    options: EvaluateOptions,
  ): Promise<SandboxCallResult> {
    const site = {
      blockId: options.blockId,
      field: options.field,
      subject: `expression in ${options.field}`,
    };
    return settle(() => {
      if (source.trim() === '') throw scriptSetupError(site, `${site.subject} is empty`);
      return chain(this.execute('expression', source, locals, options, site), (result) => ({
        value: result.value,
        jsTimeMs: result.jsTimeMs,
      }));
    });
  }

  runScript(
    code: string,
    locals: SandboxLocals,
    options: ScriptOptions,
  ): Promise<ScriptCallResult> {
    const site = { blockId: options.blockId, field: options.field, subject: 'code' };
    return settle(() => this.execute('code', code, locals, options, site));
  }

  runScriptChain(
    steps: readonly ScriptChainStep[],
    locals: SandboxLocals,
    options: ScriptChainOptions,
  ): Promise<ChainedScriptResult[]> {
    const startedAt = performance.now();
    return settle(() =>
      chain(this.ensureRuntime(), (runtime) =>
        runChain(this.chainHost(), runtime, { steps, locals, options, startedAt }),
      ),
    );
  }

  dispose(): void {
    if (this.disposed) return;

    this.disposed = true;
    if (this.runtime !== undefined) disposeGuestRuntime(this.runtime);
    this.runtime = undefined;
    this.options.logger.debug({ stats: this.stats }, 'sandbox disposed');
  }

  private execute(
    kind: SourceKind,
    source: string,
    locals: SandboxLocals,
    options: ScriptOptions,
    site: CallSite,
  ): MaybePromise<ScriptCallResult> {
    return mapFailure(
      () => {
        const itemName = this.itemNameOf(locals, site);
        return chain(this.ensureRuntime(), (runtime) =>
          this.callScript(runtime, kind, source, itemName, locals, options, site),
        );
      },
      (error) =>
        this.translate(error, site, options.timeoutMs, locals.itemName ?? DEFAULT_ITEM_NAME),
    );
  }

  private callScript(
    runtime: GuestRuntime,
    kind: SourceKind,
    source: string,
    itemName: string,
    locals: SandboxLocals,
    options: ScriptOptions,
    site: CallSite,
  ): MaybePromise<ScriptCallResult> {
    const started = performance.now();
    const request = { kind, source, itemName, timeoutMs: options.timeoutMs };
    const { script, compiled, fromCodeCache } = compiledScript(
      runtime,
      this.scripts,
      request,
      site,
    );
    if (compiled) this.stats.scriptsCompiled++;
    if (fromCodeCache) this.stats.codeCacheHits++;
    const compileMs = performance.now() - started;

    const resultName = kind === 'code' ? 'output' : options.field;
    const args = [script.id, locals.item, locals.index, options.assignTo, resultName, itemName];
    const call = { fn: runtime.call, args, copy: isObject(locals.item) };
    const plan = { ...this.planOf(options), prefersAsync: script.prefersAsync };

    return chain(callWithBudget(runtime.isolate, call, plan), (outcome) => {
      if (outcome.wentAsync) script.prefersAsync = true;
      return this.readResult(outcome, compileMs, options.assignTo, site);
    });
  }

  private chainHost(): ChainHost {
    return {
      scripts: this.scripts,
      stats: this.stats,
      vars: this.vars,
      options: this.options,
      forgetRuntime: () => this.forgetRuntime(),
    };
  }

  private readResult(
    outcome: CallOutcome,
    compileMs: number,
    assignTo: string | undefined,
    site: CallSite,
  ): ScriptCallResult {
    const envelope = openEnvelope(outcome.text, site);
    if (assignTo !== undefined) this.vars.set(assignTo, envelope.value);
    return {
      value: envelope.value,
      logs: envelope.logs ?? [],
      jsTimeMs: compileMs + outcome.jsTimeMs,
    };
  }

  private itemNameOf(locals: SandboxLocals, site: CallSite): string {
    if (locals.itemName === undefined) return DEFAULT_ITEM_NAME;

    const problem = checkItemName(locals.itemName);
    if (problem !== null) throw scriptSetupError(site, problem);
    return locals.itemName;
  }

  private planOf(options: EvaluateOptions) {
    return { timeoutMs: options.timeoutMs, syncBudgetMs: this.options.syncBudgetMs };
  }

  private sendData(
    name: 'initialize' | 'assign',
    args: unknown[],
    site: CallSite,
  ): MaybePromise<void> {
    const plan = { timeoutMs: DATA_TIMEOUT_MS, syncBudgetMs: DATA_TIMEOUT_MS, prefersAsync: false };

    return mapFailure(
      () =>
        chain(this.ensureRuntime(), (runtime) => {
          const call = { fn: runtime[name], args, copy: true };
          return chain(callWithBudget(runtime.isolate, call, plan), (outcome) => {
            openEnvelope(outcome.text, site);
          });
        }),
      (error) => this.translate(error, site, DATA_TIMEOUT_MS, site.subject),
    );
  }

  /**
   * Turns a failure raised by isolated-vm into a SandboxError, and drops an isolate it lost.
   * `copiedName` names the value copied in, for a value that cannot be copied.
   */
  private translate(error: unknown, site: CallSite, timeoutMs: number, copiedName: string) {
    if (error instanceof SandboxError) return error;
    if (this.disposed) return new Error(DISPOSED_MESSAGE);

    const kind = interruptionKind(error, this.runtime);
    if (kind === 'memory') {
      this.forgetRuntime();
      this.options.logger.warn(
        { blockId: site.blockId, memoryLimitMb: this.options.memoryLimitMb },
        'sandbox isolate reached its memory limit and was disposed',
      );
      return memoryLimitError(site, this.options.memoryLimitMb);
    }
    if (kind === 'timeout') return timeoutError(site, Math.ceil(timeoutMs));
    if (kind === 'copy') {
      const reason = error instanceof Error ? error.message : String(error);
      return valueError(
        site,
        `value at ${copiedName} cannot be copied into the sandbox (${reason}); pass JSON data`,
      );
    }

    // isolated-vm raises some failures past guest try/catch, e.g. "Not supported" for import().
    this.options.logger.debug(
      { blockId: site.blockId, error },
      'sandbox call failed in isolated-vm',
    );
    return callFailedError(site, error instanceof Error ? error.message : String(error));
  }

  private ensureRuntime(): MaybePromise<GuestRuntime> {
    if (this.disposed) throw new Error(DISPOSED_MESSAGE);
    if (this.runtime !== undefined) return this.runtime;
    if (this.acquiring !== undefined) return this.acquiring;

    const { logger } = this.options;
    const runtimeOptions = {
      memoryLimitMb: this.options.memoryLimitMb,
      maxLogLines: this.options.maxLogLines,
      maxLogLineLength: this.options.maxLogLineLength,
      onCatastrophicError: (message: string) =>
        logger.error({ message }, 'sandbox isolate failed beyond recovery'),
    };
    const taken = takeGuestRuntime(runtimeOptions, {
      prepareNext: this.options.prepareIsolates,
      logger,
    });
    if (!(taken instanceof Promise)) return this.adopt(taken);

    // Concurrent first calls share one acquisition, so a run never gets two isolates.
    this.acquiring = taken.then(
      (runtime) => this.adopt(runtime),
      (error: unknown) => {
        this.acquiring = undefined;
        throw error;
      },
    );
    return this.acquiring;
  }

  private adopt(runtime: GuestRuntime): GuestRuntime {
    this.acquiring = undefined;
    if (this.disposed) {
      disposeGuestRuntime(runtime);
      throw new Error(DISPOSED_MESSAGE);
    }

    this.runtime = runtime;
    this.stats.isolatesCreated++;
    this.options.logger.debug(
      { isolatesCreated: this.stats.isolatesCreated },
      'sandbox isolate created',
    );
    this.restoreState(runtime);
    return runtime;
  }

  /** Puts `input` and `vars` back into a replacement isolate. */
  private restoreState(runtime: GuestRuntime): void {
    if (this.input === null && this.vars.size === 0) return;

    const call = {
      fn: runtime.initialize,
      args: [this.input, Object.fromEntries(this.vars)],
      copy: true,
    };
    const text = callSync(runtime.isolate, call, DATA_TIMEOUT_MS);
    openEnvelope(text, { blockId: '', field: 'vars', subject: 'vars' });
  }

  private forgetRuntime(): void {
    if (this.runtime !== undefined) disposeGuestRuntime(this.runtime);
    this.runtime = undefined;
    this.scripts = new ScriptCache();
  }
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function interruptionKind(
  error: unknown,
  runtime: GuestRuntime | undefined,
): InterruptionKind | null {
  if (error instanceof GuestInterruption) return error.kind;
  return runtime === undefined ? null : classifyInterruption(error, runtime.isolate);
}
