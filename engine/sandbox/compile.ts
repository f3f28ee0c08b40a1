import { compileWithCodeCache } from './code-cache';
import { syntaxError, type CallSite } from './errors';
import type { GuestRuntime } from './isolate';
import type { CompiledScript, ScriptCache } from './script-cache';
import { compileOptions, wrapSource, type SourceKind } from './source';
import { describeSyntaxError } from './syntax';

export interface CompileRequest {
  kind: SourceKind;
  source: string;
  itemName: string;
  /** Bound of running the compiled script, which only creates the function. */
  timeoutMs: number;
}

/**
 * Returns the compiled function of a source from the isolate's cache, or compiles it: V8
 * compiles the wrapped source (from the process's code cache when it compiled the same text
 * before), running the script yields the function, and the guest registers it under a small id.
 * Only the id crosses on later calls. Throws a SandboxError on a syntax error.
 */
export function compiledScript(
  runtime: GuestRuntime,
  cache: ScriptCache,
  request: CompileRequest,
  site: CallSite,
): { script: CompiledScript; compiled: boolean; fromCodeCache: boolean } {
  const { kind, source, itemName } = request;
  const cached = cache.lookup(kind, source, itemName);
  if (typeof cached !== 'string') return { script: cached, compiled: false, fromCodeCache: false };

  let compiled;
  try {
    const wrapped = wrapSource(kind, source, itemName);
    compiled = compileWithCodeCache(runtime.isolate, wrapped, compileOptions(kind), cached);
  } catch (error) {
    throw syntaxError(site, describeSyntaxError(runtime.isolate, kind, source, itemName, error));
  }

  const id = cache.reserveId();
  const timeout = Math.max(1, Math.ceil(request.timeoutMs));
  const fn = compiled.script.runSync(runtime.context, { reference: true, release: true, timeout });
  runtime.define.applySync(undefined, [id, fn.derefInto({ release: true })] as never[]);
  return { script: cache.add(cached, id), compiled: true, fromCodeCache: compiled.fromCache };
}
