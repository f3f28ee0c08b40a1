import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { usesRealmSnapshot } from './isolate';
import { IsolateRunSandbox } from './run-sandbox';

let sandbox: IsolateRunSandbox;

beforeEach(() => {
  sandbox = new IsolateRunSandbox();
});

afterEach(() => {
  sandbox.dispose();
});

const code = { blockId: 'probe', field: 'code', timeoutMs: 1000 };

function run(body: string, assignTo?: string) {
  return sandbox.runScript(body, {}, { ...code, assignTo });
}

describe('escape attempts', () => {
  it.each([
    [
      "return this.constructor.constructor('return process')();",
      "TypeError: Cannot read properties of undefined (reading 'constructor') (line 1, column 13)",
    ],
    [
      "return ({}).constructor.constructor('return process')();",
      'ReferenceError: process is not defined',
    ],
    ["return require('fs');", 'ReferenceError: require is not defined (line 1, column 1)'],
    ['return process.env;', 'ReferenceError: process is not defined (line 1, column 1)'],
    [
      'return globalThis.process.env;',
      "TypeError: Cannot read properties of undefined (reading 'env') (line 1, column 27)",
    ],
    [
      "return Function('return this')().require('fs');",
      'TypeError: Function(...)(...).require is not a function (line 1, column 34)',
    ],
    ['return ivm.Isolate;', 'ReferenceError: ivm is not defined (line 1, column 1)'],
    ['return $0;', 'ReferenceError: $0 is not defined (line 1, column 1)'],
    ['return _ivm;', 'ReferenceError: _ivm is not defined (line 1, column 1)'],
    [
      'return arguments.callee.caller;',
      "TypeError: 'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them (line 1, column 18)",
    ],
    ['return WebAssembly.Module;', 'ReferenceError: WebAssembly is not defined (line 1, column 1)'],
    ['return Atomics.wait;', 'ReferenceError: Atomics is not defined (line 1, column 1)'],
    [
      'Error.prepareStackTrace = (error, frames) => frames;',
      'TypeError: Cannot add property prepareStackTrace, object is not extensible (line 1, column 25)',
    ],
  ])('%s fails inside the isolate', async (body, thrown) => {
    const call = run(body);

    await expect(call).rejects.toMatchObject({
      code: 'SANDBOX_SCRIPT_ERROR',
      message: expect.stringContaining(`Block "probe": code threw ${thrown}`),
    });
  });

  it('dynamic import fails with a plain step error', async () => {
    const call = run("return import('node:fs');");

    await expect(call).rejects.toMatchObject({
      code: 'SANDBOX_SCRIPT_ERROR',
      message: 'Block "probe": code failed in the sandbox: Not supported',
    });
    expect((await run('return 1;')).value).toBe(1);
  });

  it('Function gives only the isolate global', async () => {
    const result = await run(
      "const global = Function('return this')();\nreturn [global === globalThis, typeof global.process, typeof global.require];",
    );

    expect(result.value).toEqual([true, 'undefined', 'undefined']);
  });

  it('a sloppy toJSON cannot reach the runtime through caller', async () => {
    const result = await run(
      "return { toJSON: Function('return String(arguments.callee.caller)') };",
    );

    expect(result.value).toBe('null');
  });

  it('the global object holds only standard names and console', async () => {
    const result = await run(
      'return Object.getOwnPropertyNames(globalThis).filter((name) => /ivm|isolated|^\\$|^_/i.test(name));',
    );

    expect(result.value).toEqual([]);
  });

  it('isolates start from the realm snapshot', () => {
    expect(usesRealmSnapshot()).toBe(true);
  });

  it('no reachable isolated-vm handle', async () => {
    await sandbox.assign('order', { id: 1 });
    const walk = [
      'const seen = new Set();',
      'const pending = [globalThis, vars, input, arguments];',
      'const handles = [];',
      'while (pending.length > 0) {',
      '  const object = pending.pop();',
      "  if ((typeof object !== 'object' && typeof object !== 'function') || object === null) continue;",
      '  if (seen.has(object)) continue;',
      '  seen.add(object);',
      '  pending.push(Object.getPrototypeOf(object));',
      '  for (const key of Reflect.ownKeys(object)) {',
      "    if (key === 'hrtime' || key === 'testHang' || key === 'derefInto') handles.push(String(key));",
      '    const descriptor = Object.getOwnPropertyDescriptor(object, key);',
      "    if ('value' in descriptor) pending.push(descriptor.value);",
      '    else pending.push(descriptor.get, descriptor.set);',
      '  }',
      '}',
      'return [seen.size > 500, handles];',
    ].join('\n');

    const result = await run(walk);

    expect(result.value).toEqual([true, []]);
  });
});

describe('frozen state', () => {
  const mutationHint =
    '; vars, input, item and the built-ins are frozen in the sandbox, so copy a value before changing it, e.g. { ...vars.order } or [...vars.items]';

  it('a block cannot change a value another block later receives', async () => {
    await run('return { items: [1] };', 'order');

    const call = run('vars.order.items.push(2);');

    await expect(call).rejects.toThrow(
      `Block "probe": code threw TypeError: Cannot add property 1, object is not extensible (line 1, column 18)${mutationHint}`,
    );
    const later = await run('return vars.order;');
    expect(later.value).toEqual({ items: [1] });
  });

  it('a block cannot replace a variable', async () => {
    await sandbox.assign('order', { id: 1 });

    const call = run('vars.order = {};');

    await expect(call).rejects.toThrow(
      `Block "probe": code threw TypeError: Cannot assign to read only property 'order' of object '[object Object]' (line 1, column 12)${mutationHint}`,
    );
  });

  it('input and the loop item are frozen too', async () => {
    await sandbox.initialize({ limit: 5 }, {});

    const inputCall = run('input.limit = 6;');
    const itemCall = sandbox.runScript('item.qty = 0;', { item: { qty: 1 }, index: 0 }, code);

    await expect(inputCall).rejects.toMatchObject({ code: 'SANDBOX_SCRIPT_ERROR' });
    await expect(itemCall).rejects.toMatchObject({ code: 'SANDBOX_SCRIPT_ERROR' });
  });

  it('a block cannot add a global for later blocks', async () => {
    const call = run('globalThis.shared = 1;');

    await expect(call).rejects.toThrow(
      `Block "probe": code threw TypeError: Cannot add property shared, object is not extensible (line 1, column 19)${mutationHint}`,
    );
    expect((await run('return typeof shared;')).value).toBe('undefined');
  });

  it('a block cannot declare a global through indirect eval', async () => {
    const call = run("(0, eval)('var leaked = 1');");

    await expect(call).rejects.toMatchObject({ code: 'SANDBOX_SCRIPT_ERROR' });
    expect((await run('return typeof leaked;')).value).toBe('undefined');
  });

  it.each([
    ['Object.prototype.polluted = true;', 'return ({}).polluted;'],
    ['Array.prototype.includes = () => true;', 'return [].includes(1);'],
    ['JSON.stringify = () => "{}";', 'return JSON.stringify({ a: 1 });'],
    [
      'Object.getPrototypeOf(function* () {}).prototype.extra = 1;',
      'return Object.getPrototypeOf(function* () {}).prototype.extra;',
    ],
    ['Object.getPrototypeOf([][Symbol.iterator]()).next = null;', 'return [...[1, 2]].length;'],
    ['console.log.prototype.extra = 1;', 'return console.log.prototype.extra;'],
    ['console.warn.extra = 1;', 'return console.warn.extra;'],
    ['Object.getPrototypeOf(Uint8Array).from = null;', 'return typeof Uint8Array.from;'],
  ])('%s is rejected and changes nothing', async (attack, check) => {
    const before = (await run(check)).value;

    await expect(run(attack)).rejects.toMatchObject({ code: 'SANDBOX_SCRIPT_ERROR' });

    expect((await run(check)).value).toEqual(before);
  });

  it('own properties may still shadow frozen built-in members', async () => {
    const result = await run(
      [
        'class ValidationError extends Error {',
        '  constructor(message) { super(message); this.name = "ValidationError"; }',
        '}',
        'const counts = {};',
        'counts.constructor = 1;',
        'counts.toString = 2;',
        'return [new ValidationError("bad").name, counts];',
      ].join('\n'),
    );

    expect(result.value).toEqual(['ValidationError', { constructor: 1, toString: 2 }]);
  });

  it('a custom error class keeps its name in the message', async () => {
    const call = run(
      'class ValidationError extends Error {\n  constructor(m) { super(m); this.name = "ValidationError"; }\n}\nthrow new ValidationError("bad row");',
    );

    await expect(call).rejects.toThrow(
      'Block "probe": code threw ValidationError: bad row (line 4, column 7)',
    );
  });
});
