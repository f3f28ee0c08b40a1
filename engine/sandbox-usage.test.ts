import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openEngineDatabase, type EngineDatabase } from '../test/fixtures/engine-database';
import { block, chain, runOn } from '../test/fixtures/engine-run';

let database: EngineDatabase;

beforeAll(async () => {
  database = await openEngineDatabase('sandbox-usage');
});

afterAll(async () => {
  await database?.close();
});

describe('sandbox usage', () => {
  it('runs twenty js blocks in one isolate, compiling each distinct code once', async () => {
    const codes = ['return 1;', 'return 2;', 'return vars.b0 + 1;', 'return input.x;'];
    const nodes = Array.from({ length: 20 }, (_, index) =>
      block(`b${index}`, 'js', { code: codes[index % codes.length]!, outputKey: `b${index}` }),
    );
    const graph = { nodes, edges: chain(...nodes.map((node) => node.id)) };

    const result = await runOn({ database, graph, input: { x: 7 } });

    expect(result.status).toBe('success');
    expect(result.executionTrace.metrics.isolatesCreated).toBe(1);
    expect(result.executionTrace.metrics.scriptsCompiled).toBe(codes.length);
  });

  it('captures console output in the step logs', async () => {
    const graph = {
      nodes: [
        block('log', 'js', { code: 'console.log("hello", 1); return null;', outputKey: 'log' }),
      ],
      edges: [],
    };

    const result = await runOn({ database, graph });

    expect(result.executionTrace.steps[0]!.logs).toEqual(['hello 1']);
  });
});
