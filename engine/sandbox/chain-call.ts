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
  /** `performance.now()` when the chain was requested: the first block's start. */
  startedAt: number;
  /** `performance.now()` once the isolate was ready, before compiling: the first block's JS time. */
  callStartedAt: number;
  timeoutMs: number;
}

/** Time limit of reading a stopped chain's progress, which runs only our own code. */
const PROGRESS_TIMEOUT_MS = 1_000;

export interface ChainOutcome {
  /** The blocks that finished, in order. */
  results: ChainedScriptResult[];
  /** The error that stopped the call before the guest returned, such as a GuestInterruption. */
  interruption?: unknown;
}

/**
 * Calls the guest's `callChain` synchronously and returns the result of each block that finished,
 * timed by the guest clock. Each block's span runs from the end of the block before it to the end
 * of its own value check and assignment, and all of it counts as JS time. The first block's span
 * starts at `startedAt`, so it carries a wait for the isolate, and its JS time at `callStartedAt`,
 * so it carries the chain's compile and the call's entry. When the call is stopped, such as past `timeoutMs`, the
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
    return { results: readChain(JSON.parse(text) as ChainEnvelope, chainCall) };
  } catch (interruption) {
    if (runtime.isolate.isDisposed) throw interruption;

    const progress = { fn: runtime.chainProgress, args: [], copy: false };
    const text = callSync(runtime.isolate, progress, PROGRESS_TIMEOUT_MS);
    const results = readChain(JSON.parse(text) as ChainEnvelope, chainCall);
    return { results, interruption };
  }
}

function readChain(envelope: ChainEnvelope, chainCall: ChainCall): ChainedScriptResult[] {
  const results: ChainedScriptResult[] = [];
  let previousEnd = chainCall.startedAt;

  for (let index = 0; index < envelope.finishedAt.length; index++) {
    const guestFinishedAt = envelope.finishedAt[index]! + GUEST_CLOCK_TO_PERFORMANCE_MS;
    const finishedAt = Math.max(previousEnd, guestFinishedAt);
    const jsStartedAt = index === 0 ? Math.max(previousEnd, chainCall.callStartedAt) : previousEnd;
    results.push({
      value: envelope.values[index],
      logs: envelope.logs?.[index] ?? [],
      startedAt: previousEnd,
      finishedAt,
      jsTimeMs: Math.max(0, finishedAt - jsStartedAt),
    });
    previousEnd = finishedAt;
  }
  return results;
}
