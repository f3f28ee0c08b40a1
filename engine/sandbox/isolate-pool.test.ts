import { afterEach, describe, expect, it } from 'vitest';

import { SPARE_COUNT, spareRuntimeCount, spareRuntimePrepared } from './isolate-pool';
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

describe('spare isolates', () => {
  it('are prepared after a run takes an isolate', async () => {
    await newSandbox().evaluate('1', {}, call);

    await spareRuntimePrepared();

    expect(spareRuntimeCount()).toBe(SPARE_COUNT);
  });

  it('are taken one per run', async () => {
    await spareIsReady();

    // Each call takes its isolate synchronously; preparing a replacement starts a turn later.
    const first = newSandbox().runScript('return typeof vars.secret;', {}, call);
    const countAfterFirst = spareRuntimeCount();
    const second = newSandbox().runScript('return 1;', {}, call);
    const countAfterSecond = spareRuntimeCount();
    await second;

    expect((await first).value).toBe('undefined');
    expect(countAfterFirst).toBe(SPARE_COUNT - 1);
    expect(countAfterSecond).toBe(SPARE_COUNT - 2);
  });

  it('carry nothing from the run that prepared them', async () => {
    const first = newSandbox();
    await first.runScript('return "kept";', {}, { ...call, assignTo: 'secret' });
    await spareRuntimePrepared();

    const second = newSandbox();
    const seen = await second.evaluate('vars.secret', {}, call);

    expect(seen.value).toBeNull();
    expect(second.stats.isolatesCreated).toBe(1);
  });

  it('are not used by a run with other limits', async () => {
    await spareIsReady();

    const sandbox = newSandbox({ maxLogLines: 1, prepareIsolates: false });
    const result = await sandbox.runScript("console.log('a'); console.log('b');", {}, call);

    expect(result.logs).toEqual(['a', '[1 more line not shown; a call keeps at most 1 line]']);
  });

  it('are not replaced when the option is off', async () => {
    await spareIsReady();
    await newSandbox({ prepareIsolates: false }).evaluate('1', {}, call);

    await spareRuntimePrepared();

    expect(spareRuntimeCount()).toBe(SPARE_COUNT - 1);
  });

  it('serve concurrent first calls with one isolate', async () => {
    newSandbox().evaluate('1', {}, call);
    const sandbox = newSandbox();

    await Promise.all([sandbox.evaluate('1', {}, call), sandbox.evaluate('2', {}, call)]);

    expect(sandbox.stats.isolatesCreated).toBe(1);
  });
});
