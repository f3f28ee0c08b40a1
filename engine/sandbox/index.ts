/**
 * The sandbox that runs every expression and `js` block of a run inside an isolated-vm isolate.
 * See run-sandbox.ts for the state rule and values.ts for the value rules at the boundary.
 */
import { IsolateRunSandbox, type RunSandboxOptions } from './run-sandbox';
import type { RunSandbox } from './types';

export { isSandboxError, SandboxError, type SandboxErrorCode } from './errors';
export { IsolateRunSandbox, type RunSandboxOptions } from './run-sandbox';
export { checkExpressionSyntax, checkScriptSyntax } from './syntax';
export type * from './types';

/**
 * Creates the sandbox of one run. No isolate exists until the first call; `dispose()` releases
 * it and must be called when the run ends.
 */
export function createRunSandbox(options: RunSandboxOptions = {}): RunSandbox {
  return new IsolateRunSandbox(options);
}
