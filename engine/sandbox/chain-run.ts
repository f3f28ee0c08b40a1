import { callChain, type ChainOutcome } from './chain-call';
import { compiledChain } from './chain-compile';
import type { GuestRuntime } from './isolate';
import type { ResolvedOptions } from './options';
import type { CompiledScript, ScriptCache } from './script-cache';
import { checkItemName, DEFAULT_ITEM_NAME } from './source';
import type {
  ChainedScriptResult,
  SandboxLocals,
  SandboxStats,
  ScriptChainOptions,
  ScriptChainStep,
} from './types';

/** The parts of a run's sandbox that running a chain reads and updates. */
export interface ChainHost {
  scripts: ScriptCache;
  stats: SandboxStats;
  /** The server's copy of `vars`, which gets each finished block's output. */
  vars: Map<string, unknown>;
  options: ResolvedOptions;
  /** Drops the isolate after it was lost, so the next call creates a new one. */
  forgetRuntime(): void;
}

export interface ChainRequest {
  steps: readonly ScriptChainStep[];
  locals: SandboxLocals;
  options: ScriptChainOptions;
  /** `performance.now()` when the chain was requested, before the isolate was ready. */
  startedAt: number;
}

/**
 * Runs a chain in the run's isolate for `RunSandbox.runScriptChain`: compiles its scripts, calls
 * them within the synchronous budget and keeps the outputs of the blocks that finished. Returns no
 * results when the chain cannot start, and drops the isolate when it was lost during the call.
 */
export function runChain(
  host: ChainHost,
  runtime: GuestRuntime,
  request: ChainRequest,
): ChainedScriptResult[] {
  const callStartedAt = performance.now();
  const { steps, locals, options, startedAt } = request;
  const itemName = locals.itemName ?? DEFAULT_ITEM_NAME;
  if (checkItemName(itemName) !== null) return [];

  const timeoutMs = Math.min(options.timeoutMs, host.options.syncBudgetMs);
  const scripts = compileChain(host, runtime, steps, itemName, timeoutMs);
  if (scripts.length === 0) return [];

  const called = steps.slice(0, scripts.length);
  const { item, index } = locals;
  let outcome: ChainOutcome;
  try {
    const chainCall = { steps: called, scripts, item, index, itemName, startedAt, callStartedAt };
    outcome = callChain(runtime, { ...chainCall, timeoutMs });
  } catch (error) {
    logChainStop(host, called, error);
    host.forgetRuntime();
    return [];
  }

  keepOutcome(host, called, scripts, outcome);
  return outcome.results;
}

/**
 * Compiles a chain's scripts and returns those to call: all of them, or those in front of the
 * first script that ran past the synchronous budget before. Returns none when the chain cannot
 * be compiled as one script.
 */
function compileChain(
  host: ChainHost,
  runtime: GuestRuntime,
  steps: readonly ScriptChainStep[],
  itemName: string,
  timeoutMs: number,
): CompiledScript[] {
  const sources = steps.map((step) => step.code);
  const compiled = compiledChain(runtime, host.scripts, { sources, itemName, timeoutMs });
  if (compiled === null) return [];

  host.stats.scriptsCompiled += compiled.compiledCount;
  if (compiled.fromCodeCache) host.stats.codeCacheHits++;
  const slowAt = compiled.scripts.findIndex((script) => script.prefersAsync);
  return slowAt < 0 ? compiled.scripts : compiled.scripts.slice(0, slowAt);
}

/** Copies the finished outputs into the server's `vars`, and notes what stopped the call. */
function keepOutcome(
  host: ChainHost,
  called: readonly ScriptChainStep[],
  scripts: readonly CompiledScript[],
  outcome: ChainOutcome,
): void {
  outcome.results.forEach((result, position) => {
    const assignTo = called[position]!.assignTo;
    if (assignTo !== undefined) host.vars.set(assignTo, result.value);
  });
  if (outcome.interruption === undefined) return;

  logChainStop(host, called, outcome.interruption);
  // The block that was running goes straight to the asynchronous path when it runs alone.
  const stoppedScript = scripts[outcome.results.length];
  if (stoppedScript !== undefined) stoppedScript.prefersAsync = true;
}

function logChainStop(host: ChainHost, steps: readonly ScriptChainStep[], error: unknown): void {
  host.options.logger.debug(
    { blockIds: steps.map((step) => step.blockId), error },
    'sandbox chain stopped early; its remaining blocks run one at a time',
  );
}
