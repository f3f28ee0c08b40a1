/**
 * Attempts to reach the server from js code and from expressions, through a whole run: the
 * constructor chain to a Function that would run in the host, `process`, `require`, dynamic
 * `import()`, globalThis tricks, stack-trace hooks and isolated-vm's own objects. Each one ends
 * as a plain error inside its own step, and the host's state is unchanged afterwards.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GraphNode } from '../../engine/types';
import { openEngineDatabase, type EngineDatabase } from '../fixtures/engine-database';
import { block, runOn, stepOf } from '../fixtures/engine-run';

const FROZEN_HINT =
  '; vars, input, item and the built-ins are frozen in the sandbox, so copy a value before changing it, e.g. { ...vars.order } or [...vars.items]';

const CODE_ATTEMPTS = [
  {
    name: 'this.constructor chain',
    code: "return this.constructor.constructor('return process')().pid;",
    error:
      "code threw TypeError: Cannot read properties of undefined (reading 'constructor') (line 1, column 13)",
  },
  {
    name: 'Function constructor of a function',
    code: "return (function () {}).constructor('return process')().pid;",
    error: 'code threw ReferenceError: process is not defined (line 2, column 25)',
  },
  {
    name: 'Function constructor of vars',
    code: "return vars.constructor.constructor('return process')().pid;",
    error: 'code threw ReferenceError: process is not defined (line 2, column 25)',
  },
  {
    name: 'Function constructor of console',
    code: "return console.constructor.constructor('return process')().pid;",
    error: 'code threw ReferenceError: process is not defined (line 2, column 28)',
  },
  {
    name: 'generator function constructor',
    code: "return Object.getPrototypeOf(function* () {}).constructor('return process')().next();",
    error: 'code threw ReferenceError: process is not defined (line 2, column 47)',
  },
  {
    name: 'globalThis from a new function',
    code: "return (() => {}).constructor('return globalThis')().process.pid;",
    error:
      "code threw TypeError: Cannot read properties of undefined (reading 'pid') (line 1, column 61)",
  },
  {
    name: 'require',
    code: "return require('node:fs').readFileSync('/etc/hostname', 'utf8');",
    error: 'code threw ReferenceError: require is not defined (line 1, column 1)',
  },
  {
    name: 'dynamic import',
    code: "return import('node:fs');",
    error: 'code failed in the sandbox: Not supported',
  },
  {
    name: 'eval of process',
    code: "return eval('process.pid');",
    error: 'code threw ReferenceError: process is not defined (line 2, column 8)',
  },
  {
    name: 'globalThis.process',
    code: 'return globalThis.process.env;',
    error:
      "code threw TypeError: Cannot read properties of undefined (reading 'env') (line 1, column 27)",
  },
  {
    name: "a global of the server's realm",
    code: 'return globalThis.flowscopeHostCanary.length;',
    error:
      "code threw TypeError: Cannot read properties of undefined (reading 'length') (line 1, column 39)",
  },
  {
    name: 'a stack-trace hook',
    code: 'Error.prepareStackTrace = (error, frames) => frames; return new Error().stack[0].getThis();',
    error: `code threw TypeError: Cannot add property prepareStackTrace, object is not extensible (line 1, column 25)${FROZEN_HINT}`,
  },
  {
    name: 'arguments.callee.caller',
    code: 'return arguments.callee.caller;',
    error:
      "code threw TypeError: 'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them (line 1, column 18)",
  },
  {
    name: 'WebAssembly',
    code: 'return new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));',
    error: 'code threw ReferenceError: WebAssembly is not defined (line 1, column 1)',
  },
  {
    name: 'SharedArrayBuffer',
    code: 'return new SharedArrayBuffer(8);',
    error: 'code threw ReferenceError: SharedArrayBuffer is not defined (line 1, column 1)',
  },
  {
    name: 'timers',
    code: 'setTimeout(() => {}, 0); return 1;',
    error: 'code threw ReferenceError: setTimeout is not defined (line 1, column 1)',
  },
  {
    name: 'fetch',
    code: "return fetch('http://127.0.0.1:9/');",
    error: 'code threw ReferenceError: fetch is not defined (line 1, column 1)',
  },
];

const EXPRESSION_ATTEMPTS = [
  {
    name: 'constructor chain of vars',
    expression: "vars.constructor.constructor('return process')().pid",
    error: 'expression in value threw ReferenceError: process is not defined (line 2, column 18)',
  },
  {
    name: 'this of a sloppy function',
    expression: '(function () { return this; })().process.pid',
    error:
      "expression in value threw TypeError: Cannot read properties of undefined (reading 'process') (line 1, column 33)",
  },
  {
    name: 'dynamic import',
    expression: "import('node:fs')",
    error: 'expression in value failed in the sandbox: Not supported',
  },
];

/** Names of isolated-vm's classes and the Node.js host's globals. */
const HOST_NAMES = [
  'ivm',
  '_ivm',
  'Isolate',
  'Context',
  'Reference',
  'ExternalCopy',
  'Callback',
  'process',
  'require',
  'module',
  'Buffer',
  'global',
  'setImmediate',
  'flowscopeHostCanary',
];

let database: EngineDatabase;

beforeAll(async () => {
  database = await openEngineDatabase('escape');
  (globalThis as { flowscopeHostCanary?: string }).flowscopeHostCanary = 'host only';
});

afterAll(async () => {
  delete (globalThis as { flowscopeHostCanary?: string }).flowscopeHostCanary;
  await database?.close();
});

function runNodes(nodes: GraphNode[]) {
  return runOn({ database, graph: { nodes, edges: [] }, mode: 'live' });
}

describe('sandbox escape attempts', () => {
  it.each(CODE_ATTEMPTS)('js code: $name fails in its step', async ({ code, error }) => {
    const envBefore = { ...process.env };

    const result = await runNodes([block('escape', 'js', { code, outputKey: 'escaped' })]);

    expect(result.status).toBe('error');
    expect(result.executionTrace.error).toEqual({
      kind: 'block',
      message: `Block "escape": ${error}`,
      blockId: 'escape',
    });
    expect(stepOf(result, 'escape').status).toBe('error');
    expect(stepOf(result, 'escape').error).toBe(`Block "escape": ${error}`);
    expect(process.env).toEqual(envBefore);
  });

  it.each(EXPRESSION_ATTEMPTS)(
    'expression: $name fails in its step',
    async ({ expression, error }) => {
      const result = await runNodes([block('out', 'output', { value: expression })]);

      expect(result.status).toBe('error');
      expect(result.executionTrace.error?.message).toBe(`Block "out": ${error}`);
      expect(stepOf(result, 'out').status).toBe('error');
    },
  );

  it('global scope shows no host or isolated-vm names', async () => {
    const code = `return ${JSON.stringify(HOST_NAMES)}.filter((name) => name in globalThis);`;

    const result = await runNodes([block('look', 'js', { code, outputKey: 'found' })]);

    expect(result.status).toBe('success');
    expect(stepOf(result, 'look').output).toEqual([]);
  });

  it('condition expression cannot reach the host', async () => {
    const result = await runNodes([
      block('guarded', 'js', {
        code: 'return 1;',
        outputKey: 'one',
        condition:
          "typeof globalThis.flowscopeHostCanary === 'string' || typeof process === 'object'",
      }),
    ]);

    expect(result.status).toBe('success');
    expect(stepOf(result, 'guarded').skipReason).toBe('condition false');
  });
});
