import { randomUUID } from 'node:crypto';

import { afterEach, describe, expect, it } from 'vitest';

import { IsolateRunSandbox } from './run-sandbox';
import type { ScriptChainStep } from './types';

const sandboxes: IsolateRunSandbox[] = [];

function newSandbox(options: ConstructorParameters<typeof IsolateRunSandbox>[0] = {}) {
  const sandbox = new IsolateRunSandbox({ prepareIsolates: false, ...options });
  sandboxes.push(sandbox);
  return sandbox;
}

afterEach(() => {
  for (const sandbox of sandboxes.splice(0)) sandbox.dispose();
});

const code = { blockId: 'probe', field: 'code', timeoutMs: 1000 };
const chainOptions = { timeoutMs: 1000 };

function steps(...codes: string[]): ScriptChainStep[] {
  return codes.map((body, index) => ({ code: body, blockId: `b${index}`, assignTo: `b${index}` }));
}

describe('script chains', () => {
  it('see the outputs of earlier blocks', async () => {
    const sandbox = newSandbox();
    await sandbox.initialize({ payload: 1 }, {});

    const results = await sandbox.runScriptChain(
      steps('return input.payload + 1;', 'return vars.b0 * 10;', 'return [vars.b0, vars.b1];'),
      {},
      chainOptions,
    );

    expect(results.map((result) => result.value)).toEqual([2, 20, [2, 20]]);
    expect((await sandbox.runScript('return vars.b2;', {}, code)).value).toEqual([2, 20]);
  });

  it('time blocks back to back', async () => {
    const sandbox = newSandbox();
    const before = performance.now();

    const results = await sandbox.runScriptChain(
      steps('return 1;', 'return 2;', 'return 3;'),
      {},
      chainOptions,
    );
    const after = performance.now();

    expect(results[0]!.startedAt).toBeGreaterThanOrEqual(before);
    expect(results[2]!.finishedAt).toBeLessThanOrEqual(after);
    for (const [index, result] of results.entries()) {
      expect(result.finishedAt).toBeGreaterThanOrEqual(result.startedAt);
      expect(result.jsTimeMs).toBeLessThanOrEqual(result.finishedAt - result.startedAt);
      if (index === 0) continue;
      expect(result.jsTimeMs).toBe(result.finishedAt - result.startedAt);
      expect(result.startedAt).toBe(results[index - 1]!.finishedAt);
    }
  });

  it('keep console lines per block', async () => {
    const sandbox = newSandbox();

    const results = await sandbox.runScriptChain(
      steps("console.log('first'); return 1;", 'return 2;', "console.warn('third'); return 3;"),
      {},
      chainOptions,
    );

    expect(results.map((result) => result.logs)).toEqual([['first'], [], ['[warn] third']]);
  });

  it('read the named loop item', async () => {
    const sandbox = newSandbox();
    const locals = { item: { qty: 2 }, index: 4, itemName: 'line' };

    const results = await sandbox.runScriptChain(
      steps('return line.qty * index;', 'return vars.b0 + line.qty;'),
      locals,
      chainOptions,
    );

    expect(results.map((result) => result.value)).toEqual([8, 10]);
  });

  it('stop before a throwing block', async () => {
    const sandbox = newSandbox();
    const reference = newSandbox();
    await reference.assign('b0', 5);
    const failing =
      "const limit = 1;\nif (vars.b0 > limit) throw new Error('too many');\nreturn 0;";

    const results = await sandbox.runScriptChain(
      steps('return 5;', failing, 'return 3;'),
      {},
      chainOptions,
    );
    const alone = sandbox.runScript(failing, {}, code);
    const neverChained = reference.runScript(failing, {}, code);

    expect(results.map((result) => result.value)).toEqual([5]);
    const message = 'Block "probe": code threw Error: too many (line 2, column 28)';
    await expect(alone).rejects.toThrow(message);
    await expect(neverChained).rejects.toThrow(message);
  });

  it('stop before a non-JSON value', async () => {
    const sandbox = newSandbox();

    const results = await sandbox.runScriptChain(
      steps('return 1;', 'return 0 / 0;', 'return 3;'),
      {},
      chainOptions,
    );

    expect(results).toHaveLength(1);
    expect((await sandbox.runScript('return typeof vars.b1;', {}, code)).value).toBe('undefined');
  });

  it('keep blocks finished within budget', async () => {
    const sandbox = newSandbox({ syncBudgetMs: 5 });
    const endless = 'while (true) {}';
    const chain = steps('return 1;', endless, 'return 3;');

    const first = await sandbox.runScriptChain(chain, {}, chainOptions);
    const again = await sandbox.runScriptChain(chain.slice(1), {}, chainOptions);
    const endlessAlone = sandbox.runScript(endless, {}, { ...code, timeoutMs: 50 });

    expect(first.map((result) => result.value)).toEqual([1]);
    expect(again).toEqual([]);
    await expect(endlessAlone).rejects.toMatchObject({ code: 'SANDBOX_TIMEOUT' });
    const kept = await sandbox.runScript('return [vars.b0, typeof vars.b1];', {}, code);
    expect(kept.value).toEqual([1, 'undefined']);
  });

  it('run a wrapper-closing body alike', async () => {
    const sandbox = newSandbox();
    const escaping = 'return 1; }), (function () { return 2;';

    const results = await sandbox.runScriptChain(
      steps('return 0;', escaping, 'return vars.b1;'),
      {},
      chainOptions,
    );
    const alone = await newSandbox().runScript(escaping, {}, code);

    expect(results.map((result) => result.value)).toEqual([0, alone.value, alone.value]);
  });

  it('compile through the code cache', async () => {
    const token = randomUUID();
    const chain = steps(`return '${token}';`, 'return vars.b0.length;');
    const first = newSandbox();
    const second = newSandbox();

    await first.runScriptChain(chain, {}, chainOptions);
    await first.runScriptChain(chain, {}, chainOptions);
    await second.runScriptChain(chain, {}, chainOptions);

    expect(first.stats).toEqual({ isolatesCreated: 1, scriptsCompiled: 2, codeCacheHits: 0 });
    expect(second.stats).toEqual({ isolatesCreated: 1, scriptsCompiled: 2, codeCacheHits: 1 });
  });
});

describe('vars', () => {
  it('stay assignable after Object.freeze', async () => {
    const sandbox = newSandbox();
    await sandbox.assign('first', 1);

    const frozen = await sandbox.runScript(
      'return Object.isFrozen(Object.freeze(vars));',
      {},
      code,
    );
    await sandbox.assign('second', 2);
    const later = await sandbox.runScript('return [vars.first, vars.second];', {}, code);

    expect(frozen.value).toBe(true);
    expect(later.value).toEqual([1, 2]);
  });

  it.each([
    ['vars.added = 1;', 'TypeError: Cannot add property added, object is not extensible'],
    ['delete vars.first;', "TypeError: Cannot delete property 'first' of #<Object>"],
    [
      "Object.defineProperty(vars, 'first', { value: 2 });",
      'TypeError: Cannot redefine property: first',
    ],
    ['Object.setPrototypeOf(vars, null);', 'TypeError: #<Object> is not extensible'],
  ])('reject %s', async (body, thrown) => {
    const sandbox = newSandbox();
    await sandbox.assign('first', 1);

    const call = sandbox.runScript(body, {}, code);

    await expect(call).rejects.toThrow(`Block "probe": code threw ${thrown}`);
    expect((await sandbox.runScript('return Object.keys(vars);', {}, code)).value).toEqual([
      'first',
    ]);
  });

  it('let inheriting objects take properties', async () => {
    const sandbox = newSandbox();
    await sandbox.assign('first', 1);

    const result = await sandbox.runScript(
      'const child = Object.create(vars);\nchild.own = 2;\nreturn [child.own, child.first, Object.keys(vars)];',
      {},
      code,
    );

    expect(result.value).toEqual([2, 1, ['first']]);
  });
});
