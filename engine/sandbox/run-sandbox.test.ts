import { afterEach, describe, expect, it, vi } from 'vitest';

import { createRunSandbox, IsolateRunSandbox, type RunSandbox } from './index';

const sandboxes: RunSandbox[] = [];

function newSandbox(options: ConstructorParameters<typeof IsolateRunSandbox>[0] = {}) {
  const sandbox = new IsolateRunSandbox(options);
  sandboxes.push(sandbox);
  return sandbox;
}

afterEach(() => {
  for (const sandbox of sandboxes.splice(0)) sandbox.dispose();
});

const condition = { blockId: 'check', field: 'condition', timeoutMs: 1000 };
const code = { blockId: 'sum', field: 'code', timeoutMs: 1000 };

describe('expressions', () => {
  it('read vars and input', async () => {
    const sandbox = newSandbox();
    await sandbox.initialize({ port: 8080 }, { order: { freight: 600 } });

    const comparison = await sandbox.evaluate('vars.order.freight > 500', {}, condition);
    const url = await sandbox.evaluate("'http://127.0.0.1:' + input.port + '/x'", {}, condition);

    expect(comparison.value).toBe(true);
    expect(url.value).toBe('http://127.0.0.1:8080/x');
    expect(url.jsTimeMs).toBeGreaterThan(0);
  });

  it('read item and index inside a loop', async () => {
    const sandbox = newSandbox();

    const result = await sandbox.evaluate(
      'item.price * index',
      { item: { price: 5 }, index: 3 },
      condition,
    );

    expect(result.value).toBe(15);
  });

  it('read the item under the loop as name', async () => {
    const sandbox = newSandbox();

    const result = await sandbox.evaluate(
      'order.id + ":" + index',
      { item: { id: 'A7' }, index: 0, itemName: 'order' },
      condition,
    );

    expect(result.value).toBe('A7:0');
  });

  it('see item and index as undefined outside a loop', async () => {
    const sandbox = newSandbox();

    const result = await sandbox.evaluate('[typeof item, typeof index]', {}, condition);

    expect(result.value).toEqual(['undefined', 'undefined']);
  });

  it('may end with a line comment', async () => {
    const sandbox = newSandbox();

    const result = await sandbox.evaluate('1 + 1 // two', {}, condition);

    expect(result.value).toBe(2);
  });

  it('reject an empty source', async () => {
    const sandbox = newSandbox();

    const call = sandbox.evaluate('  ', {}, condition);

    await expect(call).rejects.toThrow('Block "check": expression in condition is empty');
  });

  it('reject a loop name that is not an identifier', async () => {
    const sandbox = newSandbox();

    const call = sandbox.evaluate('1', { item: 1, itemName: 'index' }, condition);

    await expect(call).rejects.toMatchObject({
      code: 'SANDBOX_SCRIPT_ERROR',
      message:
        'Block "check": loop variable name "index" is not allowed; use a JavaScript identifier other than vars, input and index',
    });
  });
});

describe('js blocks', () => {
  it('return the output of a function body', async () => {
    const sandbox = newSandbox();
    await sandbox.initialize({ factor: 2 }, { numbers: [1, 2, 3] });

    const result = await sandbox.runScript(
      'const total = vars.numbers.reduce((sum, n) => sum + n, 0);\nreturn { total: total * input.factor, item, index };',
      { item: 'x', index: 4 },
      code,
    );

    expect(result.value).toEqual({ total: 12, item: 'x', index: 4 });
    expect(result.logs).toEqual([]);
  });

  it('store the output with assignTo for later calls', async () => {
    const sandbox = newSandbox();

    const stored = await sandbox.runScript(
      'return { n: 41 };',
      {},
      { ...code, assignTo: 'answer' },
    );
    const read = await sandbox.evaluate('vars.answer.n + 1', {}, condition);

    expect(stored.value).toEqual({ n: 41 });
    expect(read.value).toBe(42);
  });

  it('report a thrown error with its line and column', async () => {
    const sandbox = newSandbox();

    const call = sandbox.runScript('const order = null;\nreturn order.total;', {}, code);

    await expect(call).rejects.toMatchObject({
      name: 'SandboxError',
      code: 'SANDBOX_SCRIPT_ERROR',
      blockId: 'sum',
      field: 'code',
      message:
        'Block "sum": code threw TypeError: Cannot read properties of null (reading \'total\') (line 2, column 14)',
    });
  });

  it('report a thrown string', async () => {
    const sandbox = newSandbox();

    const call = sandbox.runScript("throw 'no orders';", {}, code);

    await expect(call).rejects.toThrow('Block "sum": code threw "no orders"');
  });

  it('report an error of an expression with its field', async () => {
    const sandbox = newSandbox();

    const call = sandbox.evaluate('1 + missing', {}, condition);

    await expect(call).rejects.toThrow(
      'Block "check": expression in condition threw ReferenceError: missing is not defined (line 1, column 5)',
    );
  });

  it('report a syntax error found when compiling', async () => {
    const sandbox = newSandbox();

    const call = sandbox.runScript('return {', {}, code);

    await expect(call).rejects.toMatchObject({
      code: 'SANDBOX_SCRIPT_ERROR',
      message: 'Block "sum": code has a syntax error: Unexpected end of input',
    });
  });
});

describe('assign', () => {
  it('sets a variable that later calls read', async () => {
    const sandbox = newSandbox();
    await sandbox.initialize({}, {});

    await sandbox.assign('orders', [{ id: 1 }, { id: 2 }]);
    const result = await sandbox.evaluate('vars.orders.length', {}, condition);

    expect(result.value).toBe(2);
  });

  it('replaces a variable assigned before', async () => {
    const sandbox = newSandbox();

    await sandbox.assign('count', 1);
    await sandbox.assign('count', 2);
    const result = await sandbox.evaluate('vars.count', {}, condition);

    expect(result.value).toBe(2);
  });

  it('keeps a key named like an Object.prototype member', async () => {
    const sandbox = newSandbox();

    await sandbox.assign('__proto__', { x: 1 });
    await sandbox.assign('toString', 'text');
    const result = await sandbox.evaluate(
      '[vars.__proto__.x, vars.toString, Object.keys(vars)]',
      {},
      condition,
    );

    expect(result.value).toEqual([1, 'text', ['__proto__', 'toString']]);
  });
});

describe('script cache', () => {
  it('compiles each distinct source once in one isolate', async () => {
    const sandbox = newSandbox();
    const sources = ['return index * 2;', 'return index + 1;', 'return [index];'];

    for (let index = 0; index < 20; index++) {
      await sandbox.runScript(sources[index % 3]!, { index }, code);
    }

    expect(sandbox.stats).toMatchObject({ isolatesCreated: 1, scriptsCompiled: 3 });
  });

  it('compiles an expression and a body of the same text apart', async () => {
    const sandbox = newSandbox();

    await sandbox.evaluate('1', {}, condition);
    await sandbox.evaluate('1', {}, condition);
    await sandbox.runScript('1', {}, code);

    expect(sandbox.stats.scriptsCompiled).toBe(2);
  });

  it('compiles a source again for another loop name', async () => {
    const sandbox = newSandbox();

    await sandbox.evaluate('index', { item: 1, index: 0, itemName: 'row' }, condition);
    await sandbox.evaluate('index', { item: 1, index: 1, itemName: 'order' }, condition);

    expect(sandbox.stats.scriptsCompiled).toBe(2);
  });
});

describe('console', () => {
  it('captures lines with their level', async () => {
    const sandbox = newSandbox();

    const result = await sandbox.runScript(
      [
        "console.log('total', 3, { a: [1] }, null, undefined);",
        "console.info('info');",
        "console.debug('debug');",
        "console.warn('careful');",
        "console.error(new RangeError('too big'));",
        'console.log(new Map([[1, 2]]), new Set([3]), 5n, () => 1);',
      ].join('\n'),
      {},
      code,
    );

    expect(result.logs).toEqual([
      'total 3 {"a":[1]} null undefined',
      'info',
      'debug',
      '[warn] careful',
      '[error] RangeError: too big',
      'Map(1) [[1,2]] Set(1) [3] 5n [Function anonymous]',
    ]);
  });

  it('caps the number of lines and notes the rest', async () => {
    const sandbox = newSandbox({ maxLogLines: 3 });

    const result = await sandbox.runScript('for (let i = 0; i < 5; i++) console.log(i);', {}, code);

    expect(result.logs).toEqual([
      '0',
      '1',
      '2',
      '[2 more lines not shown; a call keeps at most 3 lines]',
    ]);
  });

  it('caps the length of a line and notes the rest', async () => {
    const sandbox = newSandbox({ maxLogLineLength: 10 });

    const result = await sandbox.runScript("console.log('x'.repeat(15));", {}, code);

    expect(result.logs).toEqual(['xxxxxxxxxx… [5 more characters]']);
  });

  it('starts each call with no lines', async () => {
    const sandbox = newSandbox();

    await sandbox.runScript("console.log('first');", {}, code);
    const second = await sandbox.runScript('return 1;', {}, code);

    expect(second.logs).toEqual([]);
  });

  it('keeps the lines of a call that failed on the error', async () => {
    const sandbox = newSandbox();

    const error = await sandbox
      .runScript("console.log('before');\nthrow new Error('boom');", {}, code)
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'SANDBOX_SCRIPT_ERROR', logs: ['before'] });
  });

  it('never writes to the server console', async () => {
    const sandbox = newSandbox();
    const write = vi.spyOn(process.stdout, 'write');
    const writeError = vi.spyOn(process.stderr, 'write');
    const log = vi.spyOn(console, 'log');

    await sandbox.runScript("console.log('quiet'); console.error('quiet');", {}, code);

    expect(write).not.toHaveBeenCalled();
    expect(writeError).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});

describe('options', () => {
  it.each([
    [{ syncBudgetMs: 0 }, 'Sandbox option syncBudgetMs must be an integer of at least 1; got 0'],
    [{ memoryLimitMb: 4 }, 'Sandbox option memoryLimitMb must be an integer of at least 8; got 4'],
    [{ maxLogLines: 1.5 }, 'Sandbox option maxLogLines must be an integer of at least 0; got 1.5'],
  ])('rejects %j', (options, message) => {
    expect(() => createRunSandbox(options)).toThrow(message);
  });
});

describe('lifecycle', () => {
  it('creates no isolate before the first call', () => {
    const sandbox = newSandbox();

    expect(sandbox.hasIsolate).toBe(false);
    expect(sandbox.stats).toEqual({ isolatesCreated: 0, scriptsCompiled: 0, codeCacheHits: 0 });
  });

  it('releases the isolate on dispose', async () => {
    const sandbox = newSandbox();
    await sandbox.evaluate('1', {}, condition);
    const createdBeforeDispose = sandbox.hasIsolate;

    sandbox.dispose();

    expect(createdBeforeDispose).toBe(true);
    expect(sandbox.hasIsolate).toBe(false);
    await expect(sandbox.evaluate('1', {}, condition)).rejects.toThrow(
      'The run sandbox was disposed; create a new one for the next run',
    );
  });

  it('shares nothing between runs', async () => {
    const first = createRunSandbox();
    sandboxes.push(first);
    const second = createRunSandbox();
    sandboxes.push(second);

    await first.runScript('return 1;', {}, { ...code, assignTo: 'secret' });
    const seen = await second.evaluate('vars.secret', {}, condition);

    expect(seen.value).toBeNull();
  });
});
