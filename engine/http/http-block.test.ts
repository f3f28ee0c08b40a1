import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { openEngineDatabase, type EngineDatabase } from '../../test/fixtures/engine-database';
import { block, runOn, stepOf } from '../../test/fixtures/engine-run';
import { respondJson, startTestServer, type TestServer } from '../../test/fixtures/http-server';
import type { HttpBlockConfig, RunResult } from '../types';
import { isRestrictedAddress } from './address-policy';

let database: EngineDatabase;
let allowed: TestServer;
let refused: TestServer;
let otherOrigin: TestServer;
let failuresBeforeSuccess = 0;

beforeAll(async () => {
  database = await openEngineDatabase('http');
  refused = await startTestServer((_request, response) =>
    respondJson(response, 200, { reached: true }),
  );
  otherOrigin = await startTestServer((_request, response) =>
    respondJson(response, 200, { other: true }),
  );
  allowed = await startTestServer((request, response) => {
    if (request.url === '/to-refused') {
      response.writeHead(302, { location: `${refused.origin}/stolen` });
      response.end();
    } else if (request.url === '/to-other') {
      response.writeHead(307, { location: `${otherOrigin.origin}/landing` });
      response.end();
    } else if (request.url === '/to-same') {
      response.writeHead(301, { location: '/json' });
      response.end();
    } else if (request.url === '/flaky' && failuresBeforeSuccess > 0) {
      failuresBeforeSuccess -= 1;
      respondJson(response, 503, { retry: true });
    } else if (request.url === '/large') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('y'.repeat(1_500_000));
    } else {
      respondJson(response, 201, { method: request.method, body: request.body });
    }
  });
});

beforeEach(() => {
  allowed.requests.length = 0;
  refused.requests.length = 0;
  otherOrigin.requests.length = 0;
});

afterAll(async () => {
  await allowed?.close();
  await refused?.close();
  await otherOrigin?.close();
  await database?.close();
});

function runHttp(config: Omit<HttpBlockConfig, 'outputKey'>): Promise<RunResult> {
  const graph = { nodes: [block('call', 'http', { ...config, outputKey: 'reply' })], edges: [] };
  return runOn({ database, graph, mode: 'live', context: { httpAllowList: [allowed.hostPort] } });
}

describe('http block', () => {
  it('sends a live request and outputs the response', async () => {
    const result = await runHttp({
      method: 'POST',
      url: `"${allowed.origin}/json"`,
      body: '({ n: 1 })',
    });

    expect(result.status).toBe('success');
    expect(stepOf(result, 'call').output).toMatchObject({
      status: 201,
      body: { method: 'POST', body: '{"n":1}' },
      headers: { 'content-type': 'application/json' },
      url: `${allowed.origin}/json`,
      redirects: [],
    });
    expect(allowed.requests[0]!.headers['idempotency-key']).toBe(
      `${result.executionTrace.runId}:call`,
    );
    expect(stepOf(result, 'call').httpTimeMs).toBeGreaterThan(0);
  });

  it('rejects a port that is not on the allow list before connecting', async () => {
    const result = await runHttp({ method: 'GET', url: `"${refused.origin}/direct"` });

    expect(refused.requests).toHaveLength(0);
    expect(result.executionTrace.error).toEqual({
      kind: 'block',
      blockId: 'call',
      message: `HTTP block "call": ${refused.origin}/direct rejected: "${refused.hostPort}" is not on the HTTP allow list; add it to FLOWSCOPE_HTTP_ALLOW to permit it`,
    });
  });

  it('rejects a redirect to a port that is not on the allow list', async () => {
    const result = await runHttp({ method: 'GET', url: `"${allowed.origin}/to-refused"` });

    expect(allowed.requests).toHaveLength(1);
    expect(refused.requests).toHaveLength(0);
    expect(result.executionTrace.error?.message).toBe(
      `HTTP block "call": ${refused.origin}/stolen rejected: "${refused.hostPort}" is not on the HTTP allow list; add it to FLOWSCOPE_HTTP_ALLOW to permit it`,
    );
  });

  it('follows a redirect to an allowed address', async () => {
    const result = await runHttp({ method: 'GET', url: `"${allowed.origin}/to-same"` });

    expect(stepOf(result, 'call').output).toMatchObject({
      status: 201,
      url: `${allowed.origin}/json`,
      redirects: [`${allowed.origin}/json`],
    });
  });

  it('drops credentials on a redirect to another origin', async () => {
    const graph = {
      nodes: [
        block('call', 'http', {
          method: 'POST',
          url: `"${allowed.origin}/to-other"`,
          headers: { authorization: '"Bearer secret"', 'x-trace': '"t1"' },
          body: '({ n: 1 })',
          outputKey: 'reply',
        }),
      ],
      edges: [],
    };
    const httpAllowList = [allowed.hostPort, otherOrigin.hostPort];

    const result = await runOn({ database, graph, mode: 'live', context: { httpAllowList } });

    expect(result.status).toBe('success');
    expect(allowed.requests[0]!.headers.authorization).toBe('Bearer secret');
    const landed = otherOrigin.requests[0]!;
    expect(landed.method).toBe('POST');
    expect(landed.body).toBe('{"n":1}');
    expect(landed.headers.authorization).toBeUndefined();
    expect(landed.headers['x-trace']).toBe('t1');
  });

  it('retries with the same idempotency key on every attempt', async () => {
    failuresBeforeSuccess = 2;

    const result = await runHttp({
      method: 'POST',
      url: `"${allowed.origin}/flaky"`,
      retries: 2,
      idempotencyKey: '"order-7"',
    });

    expect(stepOf(result, 'call').output).toMatchObject({ status: 201 });
    expect(allowed.requests.map((request) => request.headers['idempotency-key'])).toEqual([
      'order-7',
      'order-7',
      'order-7',
    ]);
    const attempts = stepOf(result, 'call').sideEffects?.requests as Array<{
      attempt: number;
      status: number;
    }>;
    expect(attempts.map(({ attempt, status }) => [attempt, status])).toEqual([
      [1, 503],
      [2, 503],
      [3, 201],
    ]);
  });

  it('outputs the last 5xx response when the retries run out', async () => {
    failuresBeforeSuccess = 5;

    const result = await runHttp({ method: 'GET', url: `"${allowed.origin}/flaky"`, retries: 1 });

    expect(result.status).toBe('success');
    expect(stepOf(result, 'call').output).toMatchObject({ status: 503 });
    expect(allowed.requests).toHaveLength(2);
    failuresBeforeSuccess = 0;
  });

  it('caps a large body and notes its size', async () => {
    const result = await runHttp({ method: 'GET', url: `"${allowed.origin}/large"` });

    const output = result.assignments[0]!.value as {
      body: string;
      bodyBytes: number;
      bodyTruncated: boolean;
    };
    expect(output.body).toHaveLength(1024 * 1024);
    expect(output.bodyBytes).toBe(1_500_000);
    expect(output.bodyTruncated).toBe(true);
  });

  it('rejects a scheme other than http and https', async () => {
    const result = await runHttp({ method: 'GET', url: `"ftp://${allowed.hostPort}/file"` });

    expect(result.executionTrace.error?.message).toBe(
      `HTTP block "call": ftp://${allowed.hostPort}/file rejected: only http and https URLs are allowed`,
    );
  });

  it('skips a second request of the block in a loop', async () => {
    const graph = {
      nodes: [
        block('each', 'loop', { items: '[1, 2]' }),
        block(
          'call',
          'http',
          { method: 'GET', url: `"${allowed.origin}/json"`, outputKey: 'reply' },
          { parentId: 'each' },
        ),
      ],
      edges: [],
    };

    const result = await runOn({
      database,
      graph,
      mode: 'live',
      context: { httpAllowList: [allowed.hostPort] },
    });

    expect(allowed.requests).toHaveLength(1);
    expect(
      result.executionTrace.steps
        .filter((step) => step.blockId === 'call')
        .map((step) => step.status),
    ).toEqual(['executed', 'skipped']);
  });
});

describe('restricted addresses', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', 'not-an-ip'])(
    'treats %s as restricted',
    (address) => {
      expect(isRestrictedAddress(address)).toBe(true);
    },
  );
});
