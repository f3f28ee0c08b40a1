import type ivm from 'isolated-vm';

import {
  callFailedError,
  memoryLimitError,
  scriptSetupError,
  syntaxError,
  thrownError,
  timeoutError,
  valueError,
  type CallSite,
} from './errors';
import {
  callGuest,
  classifyInterruption,
  GuestInterruption,
  type GuestEnvelope,
  type InterruptionKind,
} from './guest-call';
import { createGuestRuntime, disposeGuestRuntime, type GuestRuntime } from './isolate';
import { ScriptCache, type CompiledScript } from './script-cache';
import {
  checkItemName,
  compileOptions,
  DEFAULT_ITEM_NAME,
  formatPosition,
  wrapSource,
  type SourceKind,
} from './source';
import { describeSyntaxError } from './syntax';
import type {
  AssignOptions,
  EvaluateOptions,
  RunSandbox,
  SandboxCallResult,
  SandboxLocals,
  SandboxLogger,
  SandboxStats,
  ScriptCallResult,
  ScriptOptions,
} from './types';

export interface RunSandboxOptions {
  /** Heap limit of the run's isolate, in MB. Default 64; isolated-vm's minimum is 8. */
  memoryLimitMb?: number;
  logger?: SandboxLogger;
  /** Console lines kept per call; later lines are counted in a closing note. Default 100. */
  maxLogLines?: number;
  /** Characters kept per console line. Default 1000. */
  maxLogLineLength?: number;
  /**
   * Longest a call may run synchronously, blocking the server's event loop, in milliseconds.
   * A longer call continues asynchronously, within its own `timeoutMs`. Default 50.
   */
  syncBudgetMs?: number;
}

interface ResolvedOptions {
  memoryLimitMb: number;
  logger: SandboxLogger;
  maxLogLines: number;
  maxLogLineLength: number;
  syncBudgetMs: number;
}

/**
 * Time bound of `initialize` and `assign`, which run only our own checking code on server data;
 * it exists so that a huge value cannot hold the event loop indefinitely.
 */
const DATA_TIMEOUT_MS = 10_000;

const SILENT_LOGGER: SandboxLogger = { debug() {}, warn() {}, error() {} };

function resolveOptions(options: RunSandboxOptions): ResolvedOptions {
  return {
    memoryLimitMb: options.memoryLimitMb ?? 64,
    logger: options.logger ?? SILENT_LOGGER,
    maxLogLines: options.maxLogLines ?? 100,
    maxLogLineLength: options.maxLogLineLength ?? 1000,
    syncBudgetMs: options.syncBudgetMs ?? 50,
  };
}

/**
 * A run's sandbox: one isolated-vm isolate, created on the first call and reused by every
 * expression and `js` block of the run.
 *
 * State rule: `input` and every value in `vars` are deep-frozen copies, and the realm's global
 * object and built-ins are frozen before user code runs, so a block can change neither a value
 * another block later receives nor a global. Nothing survives the run, because the isolate is
 * disposed with it.
 *
 * When the isolate is lost to its memory limit, the next call creates a new one and restores
 * `input` and `vars` from the values this object kept, so the run can go on (the scheduler
 * usually ends it on the error anyway). After a timeout the isolate stays in use: V8 stops the
 * script and drops its pending promise jobs, and the run's state only changes when a call returns.
 */
export class IsolateRunSandbox implements RunSandbox {
  readonly stats: SandboxStats = { isolatesCreated: 0, scriptsCompiled: 0 };
  private readonly options: ResolvedOptions;
  private runtime: GuestRuntime | undefined;
  private scripts = new ScriptCache();
  private disposed = false;
  private input: unknown = null;
  private readonly vars = new Map<string, unknown>();

  constructor(options: RunSandboxOptions = {}) {
    this.options = resolveOptions(options);
  }

  /** True while an isolate is allocated; false before the first call and after `dispose`. */
  get hasIsolate(): boolean {
    return this.runtime !== undefined && !this.runtime.isolate.isDisposed;
  }

  async initialize(input: unknown, vars: Record<string, unknown>): Promise<void> {
    const site = { blockId: '', field: 'input', subject: 'run input' };
    await this.sendData('initialize', [input, vars], site);

    this.input = input;
    this.vars.clear();
    for (const [key, value] of Object.entries(vars)) this.vars.set(key, value);
  }

  async assign(key: string, value: unknown, options: AssignOptions = {}): Promise<void> {
    const site = { blockId: options.blockId ?? '', field: `vars.${key}`, subject: `vars.${key}` };
    await this.sendData('assign', [key, value], site);

    this.vars.set(key, value);
  }

  async evaluate(
    source: string,
    locals: SandboxLocals,
    options: EvaluateOptions,
  ): Promise<SandboxCallResult> {
    const site = { ...options, subject: `expression in ${options.field}` };
    if (source.trim() === '')
      throw scriptSetupError(site, `expression in ${options.field} is empty`);

    const { value, jsTimeMs } = await this.execute('expression', source, locals, options, site);
    return { value, jsTimeMs };
  }

  async runScript(
    code: string,
    locals: SandboxLocals,
    options: ScriptOptions,
  ): Promise<ScriptCallResult> {
    const site = { blockId: options.blockId, field: options.field, subject: 'code' };
    return this.execute('code', code, locals, options, site);
  }

  dispose(): void {
    if (this.disposed) return;

    this.disposed = true;
    if (this.runtime !== undefined) disposeGuestRuntime(this.runtime);
    this.runtime = undefined;
    this.options.logger.debug({ stats: this.stats }, 'sandbox disposed');
  }

  private async execute(
    kind: SourceKind,
    source: string,
    locals: SandboxLocals,
    options: EvaluateOptions & { assignTo?: string },
    site: CallSite,
  ): Promise<ScriptCallResult> {
    const itemName = locals.itemName ?? DEFAULT_ITEM_NAME;
    if (locals.itemName !== undefined) {
      const problem = checkItemName(itemName);
      if (problem !== null) throw scriptSetupError(site, problem);
    }

    const runtime = this.ensureRuntime();
    const compileStarted = performance.now();
    const script = this.compiledScript(runtime, kind, source, itemName, site, options.timeoutMs);
    const compileMs = performance.now() - compileStarted;
    const resultName = kind === 'code' ? 'output' : options.field;
    const args = [script.id, locals.item, locals.index, options.assignTo, resultName, itemName];

    const outcome = await this.guarded(site, options.timeoutMs, () =>
      callGuest(runtime.isolate, runtime.call, args, {
        timeoutMs: options.timeoutMs,
        syncBudgetMs: this.options.syncBudgetMs,
        prefersAsync: script.prefersAsync,
      }),
    );
    if (outcome.wentAsync) script.prefersAsync = true;

    const envelope = this.openEnvelope(outcome.text, site);
    if (options.assignTo !== undefined) this.vars.set(options.assignTo, envelope.value);
    return {
      value: envelope.value,
      logs: envelope.logs ?? [],
      jsTimeMs: compileMs + outcome.jsTimeMs,
    };
  }

  private compiledScript(
    runtime: GuestRuntime,
    kind: SourceKind,
    source: string,
    itemName: string,
    site: CallSite,
    timeoutMs: number,
  ): CompiledScript {
    const { script: cached, hash } = this.scripts.lookup(kind, source, itemName);
    if (cached !== undefined) return cached;

    let compiled;
    try {
      compiled = runtime.isolate.compileScriptSync(
        wrapSource(kind, source, itemName),
        compileOptions(kind),
      );
    } catch (error) {
      const problem = describeSyntaxError(runtime.isolate, kind, source, itemName, error);
      throw syntaxError(site, problem);
    }

    const id = this.scripts.reserveId();
    const timeout = Math.max(1, Math.ceil(Math.min(timeoutMs, this.options.syncBudgetMs)));
    this.guardedSync(site, timeout, () => {
      const fn = compiled.runSync(runtime.context, { reference: true, release: true, timeout });
      runtime.define.applySync(undefined, [id, fn.derefInto({ release: true })] as never[]);
    });
    this.stats.scriptsCompiled++;
    return this.scripts.add(hash, id);
  }

  private async sendData(name: 'initialize' | 'assign', args: unknown[], site: CallSite) {
    const runtime = this.ensureRuntime();
    const outcome = await this.guarded(site, DATA_TIMEOUT_MS, () =>
      callGuest(runtime.isolate, runtime[name], args, {
        timeoutMs: DATA_TIMEOUT_MS,
        syncBudgetMs: DATA_TIMEOUT_MS,
        prefersAsync: false,
      }),
    );
    this.openEnvelope(outcome.text, site);
  }

  private openEnvelope(text: string, site: CallSite): { value: unknown; logs?: string[] } {
    const envelope = JSON.parse(text) as GuestEnvelope;
    if (envelope.error === undefined) return envelope;

    const failure = envelope.error;
    const error =
      failure.kind === 'value'
        ? valueError(site, failure.text)
        : thrownError(site, failure.text, formatPosition(failure));
    if (envelope.logs !== undefined) error.logs = envelope.logs;
    throw error;
  }

  private async guarded<T>(site: CallSite, timeoutMs: number, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw this.translate(error, site, timeoutMs);
    }
  }

  private guardedSync(site: CallSite, timeoutMs: number, call: () => void): void {
    try {
      call();
    } catch (error) {
      throw this.translate(error, site, timeoutMs);
    }
  }

  /** Turns an interruption by isolated-vm into a SandboxError, and forgets a lost isolate. */
  private translate(error: unknown, site: CallSite, timeoutMs: number): unknown {
    if (this.disposed) return new Error('The run sandbox was disposed during a call');

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
        `value at ${site.subject} cannot be copied into the sandbox (${reason}); pass JSON data`,
      );
    }

    // isolated-vm raises some failures past guest try/catch, e.g. "Not supported" for import().
    this.options.logger.debug(
      { blockId: site.blockId, error },
      'sandbox call failed in isolated-vm',
    );
    return callFailedError(site, error instanceof Error ? error.message : String(error));
  }

  private ensureRuntime(): GuestRuntime {
    if (this.disposed)
      throw new Error('The run sandbox was disposed; create a new one for the next run');
    if (this.runtime !== undefined) return this.runtime;

    const runtime = createGuestRuntime({
      memoryLimitMb: this.options.memoryLimitMb,
      maxLogLines: this.options.maxLogLines,
      maxLogLineLength: this.options.maxLogLineLength,
      onCatastrophicError: (message) =>
        this.options.logger.error({ message }, 'sandbox isolate failed beyond recovery'),
    });
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

    const vars = Object.fromEntries(this.vars);
    const options: ivm.ReferenceApplyOptions = {
      arguments: { copy: true },
      timeout: DATA_TIMEOUT_MS,
    };
    const text = runtime.initialize.applySync(undefined, [this.input, vars] as never[], options);
    this.openEnvelope(text as string, { blockId: '', field: 'vars', subject: 'vars' });
  }

  private forgetRuntime(): void {
    if (this.runtime !== undefined) disposeGuestRuntime(this.runtime);
    this.runtime = undefined;
    this.scripts = new ScriptCache();
  }
}

function interruptionKind(
  error: unknown,
  runtime: GuestRuntime | undefined,
): InterruptionKind | null {
  if (error instanceof GuestInterruption) return error.kind;
  return runtime === undefined ? null : classifyInterruption(error, runtime.isolate);
}
