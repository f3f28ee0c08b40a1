/**
 * The references the js-block figures are measured against: the same code as a plain function,
 * in node:vm, and in isolated-vm used directly (with a cached script, and the naive way).
 */

import vm from 'node:vm';

import ivm from 'isolated-vm';

/** Wraps a function body so that a script evaluates to its return value. */
function asScript(body: string): string {
  return `(function () {\n${body}\n})()`;
}

/** The code as a plain function of the realm, taking `vars` and `input` as arguments. */
export function compilePlainFunction(body: string): (vars: unknown, input: unknown) => unknown {
  return new Function('vars', 'input', body) as (vars: unknown, input: unknown) => unknown;
}

/** Creates a node:vm context and compiles the script once. Each call assigns `vars[key]` and runs it. */
export function createNodeVmRunner(body: string) {
  const vars: Record<string, unknown> = {};
  const context = vm.createContext({ vars, input: null });
  const script = new vm.Script(asScript(body));

  return (key: string, value: unknown): unknown => {
    vars[key] = value;
    return script.runInContext(context);
  };
}

export type IsolatedVmCallMode = 'sync' | 'async';

/**
 * Creates an isolated-vm isolate with the code compiled once as a function of `(key, value)`.
 * Each call copies `value` into `vars[key]`, runs the code and copies the result out, in one
 * call across the boundary, which makes it the floor of any sandbox built on isolated-vm.
 * `sync` blocks the calling thread (`applySync`). `async` runs on isolated-vm's thread pool
 * (`apply`) and pays two thread hand-offs.
 */
export async function createIsolatedVmRunner(
  body: string,
  mode: IsolatedVmCallMode,
  memoryLimitMb = 64,
) {
  const isolate = new ivm.Isolate({ memoryLimit: memoryLimitMb });
  const context = await isolate.createContext();
  await context.eval('globalThis.vars = {}; globalThis.input = null;');
  const call = await context.eval(`(function (key, value) { vars[key] = value;\n${body}\n})`, {
    reference: true,
  });
  const options = { result: { copy: true }, timeout: 1000 } as const;

  const run = (key: string, value: unknown) => {
    const argumentsIn = [key, new ivm.ExternalCopy(value).copyInto()];
    return mode === 'sync'
      ? call.applySync(undefined, argumentsIn, options)
      : call.apply(undefined, argumentsIn, options);
  };

  return { run, dispose: () => isolate.dispose() };
}

/**
 * Runs one block the naive way: creates an isolate and a context, compiles the code, copies the
 * input in, runs the script and disposes of the isolate.
 */
export async function runInNewIsolate(
  body: string,
  input: unknown,
  memoryLimitMb = 64,
): Promise<unknown> {
  const isolate = new ivm.Isolate({ memoryLimit: memoryLimitMb });
  try {
    const context = await isolate.createContext();
    await context.global.set('input', new ivm.ExternalCopy(input).copyInto());
    const script = await isolate.compileScript(asScript(body));
    return await script.run(context, { copy: true, timeout: 1000 });
  } finally {
    isolate.dispose();
  }
}
