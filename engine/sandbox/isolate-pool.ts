import {
  createGuestRuntime,
  createGuestRuntimeAsync,
  disposeGuestRuntime,
  type GuestRuntime,
  type GuestRuntimeOptions,
} from './isolate';
import type { MaybePromise } from './maybe-async';
import type { SandboxLogger } from './types';

/**
 * One prepared isolate kept ready for the next run. Creating an isolate, its context and the
 * frozen realm takes a few milliseconds, which would otherwise delay a run's first expression.
 * A spare has never run user code and each isolate serves a single run, so no state passes
 * between runs.
 *
 * The spare is prepared on isolated-vm's thread pool after a run takes the previous one; only
 * the isolate constructor runs on the event loop. A run that starts while the spare is still
 * being prepared waits for it instead of creating a second isolate on the event loop.
 */
interface Spare {
  key: string;
  runtime: GuestRuntime;
  relay: CatastropheRelay;
}

/** Forwards `onCatastrophicError` to whichever run owns the isolate at the time. */
interface CatastropheRelay {
  handler(message: string): void;
}

let spare: Spare | undefined;
let preparation: { key: string; done: Promise<void> } | undefined;

export interface TakeOptions {
  /** True to start preparing a spare for the next run. */
  prepareNext: boolean;
  logger: SandboxLogger;
}

/**
 * Returns an isolate with these options: the prepared spare when it is ready or about to be,
 * otherwise a new one. Starts preparing the next spare when asked to.
 */
export function takeGuestRuntime(
  options: GuestRuntimeOptions,
  take: TakeOptions,
): MaybePromise<GuestRuntime> {
  const key = keyOf(options);
  if (spare === undefined && preparation?.key === key) {
    return preparation.done.then(() => claim(options, key, take));
  }
  return claim(options, key, take);
}

function claim(options: GuestRuntimeOptions, key: string, take: TakeOptions): GuestRuntime {
  const ready = spare;
  spare = undefined;

  let runtime: GuestRuntime;
  if (ready !== undefined && ready.key === key && !ready.runtime.isolate.isDisposed) {
    ready.relay.handler = options.onCatastrophicError;
    runtime = ready.runtime;
  } else {
    if (ready !== undefined) disposeGuestRuntime(ready.runtime);
    runtime = createGuestRuntime(options);
  }

  if (take.prepareNext && preparation === undefined) prepare(options, key, take.logger);
  return runtime;
}

function prepare(options: GuestRuntimeOptions, key: string, logger: SandboxLogger): void {
  const relay: CatastropheRelay = { handler: options.onCatastrophicError };
  const create = async () => {
    const runtime = await createGuestRuntimeAsync({
      ...options,
      onCatastrophicError: (message) => relay.handler(message),
    });
    if (spare !== undefined) disposeGuestRuntime(spare.runtime);
    spare = { key, runtime, relay };
  };
  const logFailure = (error: unknown) =>
    logger.warn(
      { error },
      'sandbox could not prepare a spare isolate; the next run creates its own',
    );

  // Start on the next turn of the event loop, so the isolate constructor does not delay the run
  // that took the previous spare.
  const done = new Promise((resolve) => setImmediate(resolve))
    .then(create)
    .catch(logFailure)
    .finally(() => {
      preparation = undefined;
    });
  preparation = { key, done };
}

function keyOf(options: GuestRuntimeOptions): string {
  return `${options.memoryLimitMb}/${options.maxLogLines}/${options.maxLogLineLength}`;
}

/** True when a prepared isolate is waiting for the next run. */
export function hasSpareRuntime(): boolean {
  return spare !== undefined;
}

/** Resolves once the spare being prepared, if any, is ready. */
export async function spareRuntimePrepared(): Promise<void> {
  await preparation?.done;
}
