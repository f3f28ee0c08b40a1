import { afterEach, describe, expect, it } from 'vitest';

import { IsolateRunSandbox, type RunSandboxOptions } from './run-sandbox';

const sandboxes: IsolateRunSandbox[] = [];

function newSandbox(options: RunSandboxOptions = {}) {
  const sandbox = new IsolateRunSandbox(options);
  sandboxes.push(sandbox);
  return sandbox;
}

afterEach(() => {
  for (const sandbox of sandboxes.splice(0)) sandbox.dispose();
});

const spin = { blockId: 'spin', field: 'code', timeoutMs: 300 };
const timeoutMessage =
  'Block "spin": code timed out after 300 ms; look for an endless loop or raise the time limit';

describe('timeouts', () => {
  it('stop an endless loop that outlasts the synchronous budget', async () => {
    const sandbox = newSandbox({ syncBudgetMs: 20 });

    const call = sandbox.runScript('while (true) {}', {}, spin);

    await expect(call).rejects.toMatchObject({
      name: 'SandboxError',
      code: 'SANDBOX_TIMEOUT',
      blockId: 'spin',
      field: 'code',
      message: timeoutMessage,
    });
  });

  it('stop an endless loop within the synchronous budget', async () => {
    const sandbox = newSandbox({ syncBudgetMs: 1000 });

    const call = sandbox.runScript('for (;;) {}', {}, spin);

    await expect(call).rejects.toMatchObject({ code: 'SANDBOX_TIMEOUT', message: timeoutMessage });
  });

  it('stop an expression', async () => {
    const sandbox = newSandbox();

    const call = sandbox.evaluate(
      '(() => { while (true) {} })()',
      {},
      {
        blockId: 'check',
        field: 'condition',
        timeoutMs: 100,
      },
    );

    await expect(call).rejects.toThrow(
      'Block "check": expression in condition timed out after 100 ms; look for an endless loop or raise the time limit',
    );
  });

  it('stop an endless chain of promise jobs', async () => {
    const sandbox = newSandbox();

    const call = sandbox.runScript(
      'const again = () => Promise.resolve().then(again);\nagain();\nreturn 1;',
      {},
      spin,
    );

    await expect(call).rejects.toMatchObject({ code: 'SANDBOX_TIMEOUT' });
  });

  it('leave the isolate and the variables usable', async () => {
    const sandbox = newSandbox({ syncBudgetMs: 20 });
    await sandbox.initialize({}, { kept: 'yes' });

    await sandbox.runScript('while (true) {}', {}, spin).catch(() => undefined);
    const after = await sandbox.evaluate('vars.kept', {}, { ...spin, field: 'value' });

    expect(after.value).toBe('yes');
    expect(sandbox.stats.isolatesCreated).toBe(1);
  });

  it('finish a slow call asynchronously past the synchronous budget', async () => {
    const sandbox = newSandbox({ syncBudgetMs: 10 });
    const slow = 'const end = Date.now() + 40;\nwhile (Date.now() < end) {}\nreturn "done";';

    const first = await sandbox.runScript(slow, {}, { ...spin, timeoutMs: 5000 });
    const second = await sandbox.runScript(slow, {}, { ...spin, timeoutMs: 5000 });

    expect(first.value).toBe('done');
    expect(second.value).toBe('done');
  });
});

describe('memory limit', () => {
  const bomb = "const a = [];\nwhile (true) a.push('x'.repeat(1e6));";

  it('stops an allocation bomb at the default limit and names it', async () => {
    const sandbox = newSandbox();

    const call = sandbox.runScript(bomb, {}, { blockId: 'bomb', field: 'code', timeoutMs: 20_000 });

    await expect(call).rejects.toMatchObject({
      name: 'SandboxError',
      code: 'SANDBOX_MEMORY_LIMIT',
      blockId: 'bomb',
      message:
        'Block "bomb": code exceeded the sandbox memory limit of 64 MB; work on less data at a time',
    });
    expect(sandbox.hasIsolate).toBe(false);
  });

  it('leaves the next sandbox working', async () => {
    const first = newSandbox({ memoryLimitMb: 16 });
    await first.runScript(bomb, {}, { ...spin, timeoutMs: 20_000 }).catch(() => undefined);

    const second = newSandbox({ memoryLimitMb: 16 });
    const result = await second.evaluate('1 + 1', {}, { ...spin, field: 'value' });

    expect(result.value).toBe(2);
  });

  it('restores input and vars in a new isolate of the same run', async () => {
    const sandbox = newSandbox({ memoryLimitMb: 16 });
    await sandbox.initialize({ region: 'eu' }, { before: 1 });
    await sandbox.assign('orders', [{ id: 7 }]);
    await sandbox.runScript('return 2;', {}, { ...spin, assignTo: 'computed' });

    await sandbox.runScript(bomb, {}, { ...spin, timeoutMs: 20_000 }).catch(() => undefined);
    const result = await sandbox.evaluate(
      '[input.region, vars.before, vars.orders[0].id, vars.computed]',
      {},
      { ...spin, field: 'value' },
    );

    expect(result.value).toEqual(['eu', 1, 7, 2]);
    expect(sandbox.stats.isolatesCreated).toBe(2);
  });
});
