import { callSync, type GuestCall } from './guest-call';
import type { GuestRuntime } from './isolate';
import type { CompiledScript } from './script-cache';
import type { ChainedScriptResult, ScriptChainStep } from './types';

/**
 * The server's `performance.now()` minus the guest clock (`clockMs`, libuv's `uv_hrtime`), read
 * once: both count from a fixed point on the same monotonic clock, so the difference is constant
 * to well under a microsecond.
 */
const GUEST_CLOCK_TO_PERFORMANCE_MS = performance.now() - Number(process.hrtime.bigint()) / 1e6;

/** The JSON text `callChain` returns: guest clock readings, the values and console lines. */
interface ChainEnvelope {
  finishedAt: number[];
  values: unknown[];
  logs?: Record<string, string[]>;
}

export interface ChainCall {
  steps: readonly ScriptChainStep[];
  scripts: readonly CompiledScript[];
  item: unknown;
  index: number | undefined;
  itemName: string;
  /** `performance.now()` when the chain began, before compiling: the first block's start. */
  startedAt: number;
  timeoutMs: number;
}

/** Time limit of reading a stopped chain's progress, which runs only our own code. */
const PROGRESS_TIMEOUT_MS = 1_000;

export interface ChainOutcome {
  /** The blocks that finished, in order. */
  results: ChainedScriptResult[];
  /** What stopped the call before the guest returned, such as a GuestInterruption. */
  interruption?: unknown;
}

/**
 * Calls the guest's `callChain` synchronously and returns the result of each block that finished,
 * timed by the guest clock. Each block's span runs from the end of the block before it (for the
 * first block, from `startedAt`, so it carries the chain's compile and the call's entry) to the end
 * of its own value check and assignment. When the call is stopped, such as past `timeoutMs`, the
 * blocks that finished before are read from the guest and kept, because their outputs are
 * assigned inside the isolate. Throws when the isolate itself is lost.
 */
export function callChain(runtime: GuestRuntime, chainCall: ChainCall): ChainOutcome {
  const plan = JSON.stringify({
    ids: chainCall.scripts.map((script) => script.id),
    assignTos: chainCall.steps.map((step) => step.assignTo ?? null),
  });
  const call: GuestCall = {
    fn: runtime.callChain,
    args: [plan, chainCall.item, chainCall.index, chainCall.itemName],
    copy: typeof chainCall.item === 'object' && chainCall.item !== null,
  };

  try {
    const text = callSync(runtime.isolate, call, Math.max(1, Math.ceil(chainCall.timeoutMs)));
    return { results: readChain(JSON.parse(text) as ChainEnvelope, chainCall.startedAt) };
  } catch (interruption) {
    if (runtime.isolate.isDisposed) throw interruption;

    const progress = { fn: runtime.chainProgress, args: [], copy: false };
    const text = callSync(runtime.isolate, progress, PROGRESS_TIMEOUT_MS);
    const results = readChain(JSON.parse(text) as ChainEnvelope, chainCall.startedAt);
    return { results, interruption };
  }
}

function readChain(envelope: ChainEnvelope, startedAt: number): ChainedScriptResult[] {
  const results: ChainedScriptResult[] = [];
  let previousEnd = startedAt;

  for (let index = 0; index < envelope.finishedAt.length; index++) {
    const finishedAt = Math.max(
      previousEnd,
      envelope.finishedAt[index]! + GUEST_CLOCK_TO_PERFORMANCE_MS,
    );
    results.push({
      value: envelope.values[index],
      logs: envelope.logs?.[index] ?? [],
      startedAt: previousEnd,
      finishedAt,
      jsTimeMs: finishedAt - previousEnd,
    });
    previousEnd = finishedAt;
  }
  return results;
}
