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
 * Prepared isolates kept ready for the next runs. Creating an isolate, its context and the
 * frozen realm takes a few milliseconds, which would otherwise delay a run's first expression.
 * A spare has never run user code and each isolate serves a single run, so no state passes
 * between runs.
 *
 * Spares are prepared on isolated-vm's thread pool, side by side, whenever fewer than
 * `SPARE_COUNT` are ready or being prepared. Only each isolate's constructor runs on the event
 * loop. Two spares let a run that starts right after another still find one ready. A run that
 * finds none ready while some are being prepared waits for the first instead of creating another
 * isolate on the event loop.
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

/** Spares kept ready or being prepared. */
export const SPARE_COUNT = 3;

const spares: Spare[] = [];
const preparations: Array<{ key: string; done: Promise<void> }> = [];

export interface TakeOptions {
  /** True to keep spares prepared for the next runs. */
  prepareNext: boolean;
  logger: SandboxLogger;
}

/**
 * Returns an isolate with these options: a prepared spare when one is ready or about to be,
 * otherwise a new one. Starts preparing spares for the next runs when asked to.
 */
export function takeGuestRuntime(
  options: GuestRuntimeOptions,
  take: TakeOptions,
): MaybePromise<GuestRuntime> {
  const key = keyOf(options);
  dropSparesExcept(key);
  const preparing = preparations.filter((preparation) => preparation.key === key);
  if (spares.length === 0 && preparing.length > 0) {
    const firstDone = Promise.race(preparing.map((preparation) => preparation.done));
    return firstDone.then(() => takeGuestRuntime(options, take));
  }
  return claim(options, key, take);
}

function claim(options: GuestRuntimeOptions, key: string, take: TakeOptions): GuestRuntime {
  const ready = spares.shift();
  let runtime: GuestRuntime;
  if (ready !== undefined && !ready.runtime.isolate.isDisposed) {
    ready.relay.handler = options.onCatastrophicError;
    runtime = ready.runtime;
  } else {
    runtime = createGuestRuntime(options);
  }

  if (take.prepareNext) topUp(options, key, take.logger);
  return runtime;
}

/** Disposes the ready spares made with other options, which no run of these options can use. */
function dropSparesExcept(key: string): void {
  for (let index = spares.length - 1; index >= 0; index--) {
    if (spares[index]!.key === key) continue;
    disposeGuestRuntime(spares[index]!.runtime);
    spares.splice(index, 1);
  }
}

/** Starts preparing spares until enough are ready or being prepared. */
function topUp(options: GuestRuntimeOptions, key: string, logger: SandboxLogger): void {
  while (spares.length + preparations.length < SPARE_COUNT) prepare(options, key, logger);
}

function prepare(options: GuestRuntimeOptions, key: string, logger: SandboxLogger): void {
  const relay: CatastropheRelay = { handler: options.onCatastrophicError };
  const create = async () => {
    const runtime = await createGuestRuntimeAsync({
      ...options,
      onCatastrophicError: (message) => relay.handler(message),
    });
    if (spares.length >= SPARE_COUNT || spares.some((spare) => spare.key !== key)) {
      disposeGuestRuntime(runtime);
      return;
    }
    spares.push({ key, runtime, relay });
  };
  const logFailure = (error: unknown) =>
    logger.warn(
      { error },
      'sandbox could not prepare a spare isolate; the next run creates its own',
    );

  // Start on the next turn of the event loop, so the isolate constructor does not delay the run
  // that took the previous spare.
  const preparation = { key, done: Promise.resolve() };
  preparation.done = new Promise((resolve) => setImmediate(resolve))
    .then(create)
    .catch(logFailure)
    .finally(() => {
      preparations.splice(preparations.indexOf(preparation), 1);
    });
  preparations.push(preparation);
}

function keyOf(options: GuestRuntimeOptions): string {
  return `${options.memoryLimitMb}/${options.maxLogLines}/${options.maxLogLineLength}`;
}

/** Number of prepared isolates waiting for the next runs. */
export function spareRuntimeCount(): number {
  return spares.length;
}

/** Resolves once no spare is being prepared any more. */
export async function spareRuntimePrepared(): Promise<void> {
  while (preparations.length > 0) await Promise.all(preparations.map(({ done }) => done));
}
