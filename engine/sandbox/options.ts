import type { SandboxLogger } from './types';

export interface RunSandboxOptions {
  /** Heap limit of the run's isolate, in MB. Default 64; isolated-vm's minimum is 8. */
  memoryLimitMb?: number;
  /** Receives isolate lifecycle events and memory-limit warnings. Default: no logging. */
  logger?: SandboxLogger;
  /** Console lines kept per call; later lines are counted in a closing note. Default 100. */
  maxLogLines?: number;
  /** Characters kept per console line. Default 1000. */
  maxLogLineLength?: number;
  /**
   * Maximum time a call may run synchronously, blocking the server's event loop, in milliseconds.
   * A longer call continues asynchronously, within its own `timeoutMs`. Default 50.
   */
  syncBudgetMs?: number;
  /**
   * True to keep one prepared isolate ready for the next run, so that a run does not wait for
   * isolate creation. Default true.
   */
  prepareIsolates?: boolean;
}

export type ResolvedOptions = Required<RunSandboxOptions>;

const SILENT_LOGGER: SandboxLogger = { debug() {}, warn() {}, error() {} };

/** Applies the defaults and rejects values isolated-vm or the guest cannot work with. */
export function resolveOptions(options: RunSandboxOptions): ResolvedOptions {
  const resolved = {
    memoryLimitMb: options.memoryLimitMb ?? 64,
    logger: options.logger ?? SILENT_LOGGER,
    maxLogLines: options.maxLogLines ?? 100,
    maxLogLineLength: options.maxLogLineLength ?? 1000,
    syncBudgetMs: options.syncBudgetMs ?? 50,
    prepareIsolates: options.prepareIsolates ?? true,
  };

  requireInteger('memoryLimitMb', resolved.memoryLimitMb, 8);
  requireInteger('maxLogLines', resolved.maxLogLines, 0);
  requireInteger('maxLogLineLength', resolved.maxLogLineLength, 1);
  // A timeout of 0 means no timeout to isolated-vm, so the budget must be at least 1 ms.
  requireInteger('syncBudgetMs', resolved.syncBudgetMs, 1);
  return resolved;
}

function requireInteger(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(
      `Sandbox option ${name} must be an integer of at least ${minimum}; got ${value}`,
    );
  }
}
