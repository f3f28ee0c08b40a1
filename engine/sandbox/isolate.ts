import { createHash } from 'node:crypto';

import ivm from 'isolated-vm';

import { compileWithCodeCache, compileWithCodeCacheAsync } from './code-cache';
import { REALM_SNAPSHOT_SOURCE } from './guest-harden';
import { buildBootstrapSource, GUEST_FUNCTION_NAMES, type GuestLimits } from './guest-runtime';

/** A guest function the server calls; every one returns a JSON text. */
export type GuestFunction = (...args: never[]) => string;

/**
 * isolated-vm's `lib` handle, which its type definitions leave out. The bootstrap takes only its
 * `hrtime` (guest-runtime.ts).
 */
type IsolatedVmLib = object;
const ISOLATED_VM_LIB = (ivm as unknown as { lib: IsolatedVmLib }).lib;

/** The frozen object the bootstrap returns. */
type GuestApi = Record<(typeof GUEST_FUNCTION_NAMES)[number], GuestFunction>;

/**
 * One isolate with its single context and the references the server holds to the guest runtime.
 * These references stay on the server side: guest code never receives a Reference, Callback or
 * ExternalCopy, only copied plain data.
 */
export type GuestFunctions = {
  readonly [name in (typeof GUEST_FUNCTION_NAMES)[number]]: ivm.Reference<GuestFunction>;
};

export interface GuestRuntime extends GuestFunctions {
  readonly isolate: ivm.Isolate;
  readonly context: ivm.Context;
}

export interface GuestRuntimeOptions extends GuestLimits {
  memoryLimitMb: number;
  onCatastrophicError(message: string): void;
}

/** Time limit of the bootstrap, which runs only our own code and takes a few milliseconds. */
const BOOTSTRAP_TIMEOUT_MS = 5_000;

/**
 * Creates an isolate and prepares its context: the value rules, the buffered console, the run's
 * state, and a frozen realm.
 *
 * NOTE: isolated-vm documents `memoryLimit` as a soft limit, which a determined script can
 * overrun two to three times. Worse, V8 cannot recover from every out-of-memory condition. A
 * script that grows one large structure can make V8 abort or crash the whole server process
 * instead of disposing the isolate: a Map, a Set or a dictionary object with millions of keys,
 * `new Array(2 ** 28).fill(0)` and `JSON.stringify(Array(5e7).fill(1))` did so with isolated-vm
 * 6.2.0 on Node 24.22. Steady growth, such as pushing strings into an array, is caught and
 * reported as SANDBOX_MEMORY_LIMIT. The server therefore runs the engine in worker processes
 * (lib/run-worker), where such an abort ends one run. A caller that runs the engine in its own
 * process, such as the command line or a server with `FLOWSCOPE_RUN_WORKERS=0`, loses the
 * process instead.
 */
export function createGuestRuntime(options: GuestRuntimeOptions): GuestRuntime {
  const isolate = newIsolate(options);

  try {
    const context = isolate.createContextSync();
    const { source, key } = bootstrapOf(options);
    const { script } = compileWithCodeCache(isolate, source, {}, key);
    const bootstrap = script.runSync(context, {
      reference: true,
      release: true,
      timeout: BOOTSTRAP_TIMEOUT_MS,
    }) as ivm.Reference<(...args: never[]) => GuestApi>;
    const api = bootstrap.applySync(undefined, [ISOLATED_VM_LIB] as never[], {
      result: { reference: true },
      timeout: BOOTSTRAP_TIMEOUT_MS,
    }) as ivm.Reference<GuestApi>;
    const functions = GUEST_FUNCTION_NAMES.map(
      (name) => [name, api.getSync(name, { reference: true })] as const,
    );

    return { isolate, context, ...(Object.fromEntries(functions) as GuestFunctions) };
  } catch (error) {
    isolate.dispose();
    throw error;
  }
}

/**
 * Creates a runtime like `createGuestRuntime`, but prepares the context on isolated-vm's thread
 * pool, so only the isolate's constructor runs on the event loop.
 */
export async function createGuestRuntimeAsync(options: GuestRuntimeOptions): Promise<GuestRuntime> {
  const isolate = newIsolate(options);

  try {
    const context = await isolate.createContext();
    const { source, key } = bootstrapOf(options);
    const { script } = await compileWithCodeCacheAsync(isolate, source, {}, key);
    const bootstrap = (await script.run(context, {
      reference: true,
      release: true,
      timeout: BOOTSTRAP_TIMEOUT_MS,
    })) as ivm.Reference<(...args: never[]) => GuestApi>;
    const api = (await bootstrap.apply(undefined, [ISOLATED_VM_LIB] as never[], {
      result: { reference: true },
      timeout: BOOTSTRAP_TIMEOUT_MS,
    })) as ivm.Reference<GuestApi>;
    const functions = await Promise.all(
      GUEST_FUNCTION_NAMES.map(
        async (name) => [name, await api.get(name, { reference: true })] as const,
      ),
    );

    return { isolate, context, ...(Object.fromEntries(functions) as GuestFunctions) };
  } catch (error) {
    isolate.dispose();
    throw error;
  }
}

function newIsolate(options: GuestRuntimeOptions): ivm.Isolate {
  const snapshot = realmSnapshot();
  return new ivm.Isolate({
    memoryLimit: options.memoryLimitMb,
    onCatastrophicError: options.onCatastrophicError,
    ...(snapshot === null ? {} : { snapshot }),
  });
}

/** True when new isolates start from the realm snapshot. */
export function usesRealmSnapshot(): boolean {
  return realmSnapshot() !== null;
}

/** The realm snapshot (guest-harden.ts), made on first use; null when isolated-vm rejected it. */
let realmSnapshotData: ivm.ExternalCopy<ArrayBuffer> | null | undefined;

function realmSnapshot(): ivm.ExternalCopy<ArrayBuffer> | null {
  if (realmSnapshotData === undefined) {
    try {
      realmSnapshotData = ivm.Isolate.createSnapshot([{ code: REALM_SNAPSHOT_SOURCE }]);
    } catch {
      // NOTE: without the snapshot, each isolate walks the realm itself, about 2 ms more.
      realmSnapshotData = null;
    }
  }
  return realmSnapshotData;
}

/**
 * Bootstrap sources by their limits, with the code cache key of each: the source is 14 KB, and
 * compiling it from the code cache saves a few tenths of a millisecond per isolate.
 */
const bootstraps = new Map<string, { source: string; key: string }>();

function bootstrapOf(limits: GuestLimits): { source: string; key: string } {
  const limitsKey = `${limits.maxLogLines}/${limits.maxLogLineLength}`;
  let bootstrap = bootstraps.get(limitsKey);
  if (bootstrap === undefined) {
    const source = buildBootstrapSource(limits);
    const key = createHash('sha256').update(`bootstrap\0${source}`).digest('hex');
    bootstrap = { source, key };
    bootstraps.set(limitsKey, bootstrap);
  }
  return bootstrap;
}

/** Disposes the isolate unless isolated-vm already did (after a memory limit). */
export function disposeGuestRuntime(runtime: GuestRuntime): void {
  if (!runtime.isolate.isDisposed) runtime.isolate.dispose();
}
