import { afterEach, describe, expect, it } from 'vitest';

import { createRunSandbox } from './index';
import type { RunSandbox } from './types';

// Code that closes the function wrapper early runs while the script is defined, before any call.
// It spins for 40 ms there, past a 10 ms synchronous budget but far inside the block's timeout.
const SLOW_DEFINITION = [
  'return 7;',
  '}); (function spin() { const end = Date.now() + 40; while (Date.now() < end); })();',
  '(function () {',
].join('\n');

describe('script definition', () => {
  let sandbox: RunSandbox | undefined;

  afterEach(() => sandbox?.dispose());

  it('is bounded by the block timeout, not the synchronous budget', async () => {
    sandbox = createRunSandbox({ syncBudgetMs: 10, prepareIsolates: false });
    await sandbox.initialize({}, {});

    const result = await sandbox.runScript(
      SLOW_DEFINITION,
      {},
      { timeoutMs: 5_000, blockId: 'slow', field: 'code' },
    );

    expect(result.value).toBeNull();
  });
});
