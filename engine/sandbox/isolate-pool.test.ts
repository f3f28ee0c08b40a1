import { afterEach, describe, expect, it } from 'vitest';

import { hasSpareRuntime, spareRuntimePrepared } from './isolate-pool';
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

const call = { blockId: 'b', field: 'code', timeoutMs: 1000 };

async function spareIsReady(): Promise<void> {
  newSandbox().runScript('return 1;', {}, call);
  await spareRuntimePrepared();
}

describe('spare isolate', () => {
  it('is prepared after a run takes an isolate', async () => {
    await newSandbox().evaluate('1', {}, call);

    await spareRuntimePrepared();

    expect(hasSpareRuntime()).toBe(true);
  });

  it('is taken by the next run', async () => {
    await spareIsReady();

    const result = await newSandbox().runScript('return typeof vars.secret;', {}, call);

    expect(result.value).toBe('undefined');
    expect(hasSpareRuntime()).toBe(false);
  });

  it('carries nothing from the run that prepared it', async () => {
    const first = newSandbox();
    await first.runScript('return "kept";', {}, { ...call, assignTo: 'secret' });
    await spareRuntimePrepared();

    const second = newSandbox();
    const seen = await second.evaluate('vars.secret', {}, call);

    expect(seen.value).toBeNull();
    expect(second.stats.isolatesCreated).toBe(1);
  });

  it('is not used by a run with other limits', async () => {
    await spareIsReady();

    const sandbox = newSandbox({ maxLogLines: 1, prepareIsolates: false });
    const result = await sandbox.runScript("console.log('a'); console.log('b');", {}, call);

    expect(result.logs).toEqual(['a', '[1 more line not shown; a call keeps at most 1 line]']);
  });

  it('is not prepared when the option is off', async () => {
    await spareIsReady();
    await newSandbox({ prepareIsolates: false }).evaluate('1', {}, call);

    await spareRuntimePrepared();

    expect(hasSpareRuntime()).toBe(false);
  });

  it('serves concurrent first calls of one run with one isolate', async () => {
    newSandbox().evaluate('1', {}, call);
    const sandbox = newSandbox();

    await Promise.all([sandbox.evaluate('1', {}, call), sandbox.evaluate('2', {}, call)]);

    expect(sandbox.stats.isolatesCreated).toBe(1);
  });
});
