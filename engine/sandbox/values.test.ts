import ivm from 'isolated-vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { IsolateRunSandbox } from './run-sandbox';

let sandbox: IsolateRunSandbox;

beforeEach(() => {
  sandbox = new IsolateRunSandbox();
});

afterEach(() => {
  sandbox.dispose();
});

const code = { blockId: 'sum', field: 'code', timeoutMs: 1000 };

async function output(body: string): Promise<unknown> {
  const result = await sandbox.runScript(body, {}, code);
  return result.value;
}

describe('values that convert', () => {
  it.each([
    ['a Date to its ISO string', 'return new Date(0);', '1970-01-01T00:00:00.000Z'],
    ['undefined as the whole result to null', 'return undefined;', null],
    ['no return to null', 'const x = 1;', null],
    ['an undefined property by dropping it', 'return { a: 1, b: undefined };', { a: 1 }],
    ['undefined and holes in arrays to null', 'return [undefined, , 3];', [null, null, 3]],
    ['an object with toJSON to what it returns', 'return { toJSON() { return [1]; } };', [1]],
    [
      'a class instance with toJSON',
      'class Money { constructor(c) { this.c = c; } toJSON() { return { cents: this.c }; } }\nreturn new Money(5);',
      { cents: 5 },
    ],
    [
      'a shared, acyclic reference by copying it',
      'const a = { x: 1 };\nreturn [a, a];',
      [{ x: 1 }, { x: 1 }],
    ],
    ['a null-prototype object', 'const o = Object.create(null);\no.x = 1;\nreturn o;', { x: 1 }],
    ['negative zero to zero', 'return -0;', 0],
    ['a symbol-keyed property by dropping it', "return { [Symbol('s')]: 1, a: 2 };", { a: 2 }],
  ])('converts %s', async (_name, body, expected) => {
    expect(await output(body)).toEqual(expected);
  });

  it('keeps an own __proto__ key as data', async () => {
    const value = await output('return JSON.parse(\'{"__proto__": {"x": 1}}\');');

    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe('values that JSON cannot hold', () => {
  it.each([
    [
      'return { items: [0, 1, 2, { total: 0 / 0 }] };',
      'value at output.items[3].total is NaN, which JSON cannot hold; return a number or null',
    ],
    [
      'return [1 / 0];',
      'value at output[0] is Infinity, which JSON cannot hold; return a number or null',
    ],
    [
      'return { "unit price": -1 / 0 };',
      'value at output["unit price"] is -Infinity, which JSON cannot hold; return a number or null',
    ],
    [
      'return { id: 10n };',
      'value at output.id is a BigInt, which JSON cannot hold; convert it with Number() or String()',
    ],
    [
      'return { format() {} };',
      'value at output.format is a function, which JSON cannot hold; return data, not code',
    ],
    [
      "return [Symbol('s')];",
      'value at output[0] is a symbol, which JSON cannot hold; return a string instead',
    ],
    [
      'const order = { lines: [{}] };\norder.lines[0].order = order;\nreturn order;',
      'value at output.lines[0].order refers back to output, a cycle JSON cannot hold; return a copy without the back reference',
    ],
    [
      'return { byId: new Map() };',
      'value at output.byId is a Map, which JSON cannot hold; convert it with Object.fromEntries(map)',
    ],
    [
      'return new Set([1]);',
      'value at output is a Set, which JSON cannot hold; convert it with Array.from(set)',
    ],
    [
      'return { rows: Promise.resolve([]) };',
      'value at output.rows is a Promise, which JSON cannot hold; code runs synchronously, so return the value itself',
    ],
    [
      'return new Uint8Array(2);',
      'value at output is a Uint8Array, which JSON cannot hold; convert it with Array.from(value)',
    ],
    [
      'return new ArrayBuffer(2);',
      'value at output is an ArrayBuffer, which JSON cannot hold; convert it with Array.from(new Uint8Array(buffer))',
    ],
    [
      'class Order {}\nreturn [new Order()];',
      'value at output[0] is an instance of Order with no JSON form; return a plain object or array, or give the class a toJSON method',
    ],
    [
      'return { pattern: /a/ };',
      'value at output.pattern is an instance of RegExp with no JSON form; return a plain object or array, or give the class a toJSON method',
    ],
    [
      "return { when: new Date('not a date') };",
      'value at output.when is an invalid Date, which JSON cannot hold; check how the date was built',
    ],
    [
      'return { toJSON() { return NaN; } };',
      'value at output is NaN, which JSON cannot hold; return a number or null',
    ],
  ])('rejects %s', async (body, problem) => {
    const call = sandbox.runScript(body, {}, code);

    await expect(call).rejects.toMatchObject({
      name: 'SandboxError',
      code: 'SANDBOX_VALUE',
      blockId: 'sum',
      field: 'code',
      message: `Block "sum": ${problem}`,
    });
  });

  it('names the field as the root of an expression result', async () => {
    const call = sandbox.evaluate(
      '[vars.missing, 1 / 0]',
      {},
      {
        blockId: 'fetchOrders',
        field: 'filters[0].value',
        timeoutMs: 1000,
      },
    );

    await expect(call).rejects.toThrow(
      'Block "fetchOrders": value at filters[0].value[1] is Infinity, which JSON cannot hold; return a number or null',
    );
  });

  it('leaves vars unchanged when assignTo gets a rejected value', async () => {
    await sandbox.runScript('return 1;', {}, { ...code, assignTo: 'total' });

    const call = sandbox.runScript('return NaN;', {}, { ...code, assignTo: 'total' });
    await expect(call).rejects.toMatchObject({ code: 'SANDBOX_VALUE' });
    const total = await sandbox.evaluate('vars.total', {}, { ...code, field: 'value' });

    expect(total.value).toBe(1);
  });
});

describe('values sent into the sandbox', () => {
  it('follow the same rules on assign', async () => {
    const call = sandbox.assign('orders', [{ total: Number.NaN }], { blockId: 'fetchOrders' });

    await expect(call).rejects.toMatchObject({
      code: 'SANDBOX_VALUE',
      blockId: 'fetchOrders',
      field: 'vars.orders',
      message:
        'Block "fetchOrders": value at vars.orders[0].total is NaN, which JSON cannot hold; return a number or null',
    });
  });

  it('follow the same rules on initialize', async () => {
    const call = sandbox.initialize({ placedAt: new Date(Number.NaN) }, {});

    await expect(call).rejects.toThrow(
      'Value at input.placedAt is an invalid Date, which JSON cannot hold; check how the date was built',
    );
  });

  it('convert server Dates to ISO strings', async () => {
    await sandbox.assign('row', { createdAt: new Date(Date.UTC(2026, 0, 2)) });

    const value = await sandbox.evaluate('vars.row.createdAt', {}, { ...code, field: 'value' });

    expect(value.value).toBe('2026-01-02T00:00:00.000Z');
  });

  it('reject a function instead of copying it in', async () => {
    const call = sandbox.assign('handlers', { onRow: () => 1 }, { blockId: 'fetchOrders' });

    await expect(call).rejects.toMatchObject({
      code: 'SANDBOX_VALUE',
      message:
        'Block "fetchOrders": value at vars.handlers cannot be copied into the sandbox (() => 1 could not be cloned.); pass JSON data',
    });
  });

  it('reject an isolated-vm handle nested in a value', async () => {
    const reference = new ivm.Reference({ secret: 1 });

    const call = sandbox.assign('handle', { reference }, { blockId: 'fetchOrders' });

    await expect(call).rejects.toMatchObject({ code: 'SANDBOX_VALUE' });
    reference.release();
  });

  it('reject a loop item that cannot be copied', async () => {
    const call = sandbox.runScript('return 1;', { item: { format: () => 1 }, index: 0 }, code);

    await expect(call).rejects.toMatchObject({
      code: 'SANDBOX_VALUE',
      message:
        'Block "sum": value at item cannot be copied into the sandbox (() => 1 could not be cloned.); pass JSON data',
    });
  });

  it('reject a host callback in a loop item before code runs', async () => {
    const callback = new ivm.Callback(() => 'host');

    const call = sandbox.runScript(
      'return item.run();',
      { item: { run: callback }, index: 0 },
      code,
    );

    await expect(call).rejects.toMatchObject({
      code: 'SANDBOX_VALUE',
      message:
        'Block "sum": value at item.run is a function, which JSON cannot hold; return data, not code',
    });
  });

  it('check a loop item under its loop name', async () => {
    const call = sandbox.evaluate(
      'row',
      { item: { tags: new Set() }, index: 0, itemName: 'row' },
      {
        blockId: 'each',
        field: 'condition',
        timeoutMs: 1000,
      },
    );

    await expect(call).rejects.toThrow(
      'Block "each": value at row.tags is a Set, which JSON cannot hold; convert it with Array.from(set)',
    );
  });
});
