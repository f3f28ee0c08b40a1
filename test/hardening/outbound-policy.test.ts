/**
 * Outbound requests of live http blocks: a loopback target that is not on the allow list is
 * rejected before anything connects, whichever way its address is spelled, and so is a redirect
 * from an allowed server to such a target. Every server here listens on 127.0.0.1, and the
 * servers that must not be reached count the requests they receive.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '../../engine/types';
import type { DatabaseHandle } from '../../lib/db/client';
import { createTestTenant, openTestDatabase } from '../database';
import { block } from '../fixtures/engine-run';
import { respondJson, startTestServer, type TestServer } from '../fixtures/http-server';
import { allowHttpTargets, runToEnd, saveWorkflow, stepOf } from './support';

let handle: DatabaseHandle;
let tenantId: string;
/** On the allow list; redirects to `?to=<url>` when asked. */
let allowed: TestServer;
/** Not on the allow list at all. */
let forbidden: TestServer;
/** On the allow list as `localhost:<port>` only, which resolves to a restricted address. */
let byName: TestServer;

beforeAll(async () => {
  allowed = await startTestServer((request, response) => {
    const target = new URL(request.url, 'http://placeholder').searchParams.get('to');
    if (target === null) return respondJson(response, 200, { ok: true });

    response.writeHead(302, { location: target });
    response.end();
  });
  forbidden = await startTestServer((_request, response) => respondJson(response, 200, {}));
  byName = await startTestServer((_request, response) => respondJson(response, 200, {}));
  allowHttpTargets([allowed.hostPort, `localhost:${portOf(byName)}`]);

  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'outbound');
});

afterAll(async () => {
  await handle?.close();
  await Promise.all([allowed, forbidden, byName].map((server) => server?.close()));
});

function portOf(server: TestServer): string {
  return server.hostPort.split(':')[1]!;
}

function callGraph(url: string): WorkflowGraph {
  return {
    nodes: [
      block('call', 'http', { method: 'GET', url: JSON.stringify(url), outputKey: 'response' }),
    ],
    edges: [],
  };
}

async function runCall(url: string) {
  const workflow = await saveWorkflow(handle, tenantId, callGraph(url));
  return runToEnd(handle, tenantId, workflow, { mode: 'live' });
}

/** `localhost` resolves to 127.0.0.1 or ::1, depending on the machine's resolver. */
const restricted = (url: string) =>
  new RegExp(
    `^HTTP block "call": ${url} rejected: it resolves to the restricted address (127\\.0\\.0\\.1|::1); only "(127\\.0\\.0\\.1|\\[::1\\]):${portOf(byName)}" on the HTTP allow list would permit it$`,
  );

const notListed = (url: string, hostPort: string) =>
  `HTTP block "call": ${url} rejected: "${hostPort}" is not on the HTTP allow list; add it to FLOWSCOPE_HTTP_ALLOW to permit it`;

describe('outbound requests', () => {
  it('reach a loopback server on the allow list', async () => {
    const run = await runCall(`${allowed.origin}/ping`);

    expect(run.errorMessage).toBeNull();
    expect(stepOf(run, 'call').output).toMatchObject({ status: 200, body: { ok: true } });
  });

  it.each([
    { spelling: 'dotted quad', host: '127.0.0.1' },
    { spelling: 'short form', host: '127.1' },
    { spelling: 'decimal', host: '2130706433' },
    { spelling: 'hexadecimal', host: '0x7f.0.0.1' },
    { spelling: 'localhost', host: 'localhost' },
    { spelling: 'IPv4-mapped IPv6', host: '[::ffff:127.0.0.1]' },
  ])('to an unlisted port are rejected: $spelling', async ({ host }) => {
    const port = portOf(forbidden);
    const url = new URL(`http://${host}:${port}/steal`).href;
    const hostPort = `${new URL(url).hostname}:${port}`;

    const run = await runCall(`http://${host}:${port}/steal`);

    expect(run.status).toBe('error');
    expect(run.errorMessage).toBe(notListed(url, hostPort));
    expect(forbidden.requests).toHaveLength(0);
  });

  it('to a listed name of a loopback address are rejected', async () => {
    const url = `http://localhost:${portOf(byName)}/`;

    const run = await runCall(url);

    expect(run.status).toBe('error');
    expect(run.errorMessage).toMatch(restricted(url));
    expect(byName.requests).toHaveLength(0);
  });

  it('redirected to an unlisted port are rejected', async () => {
    const target = `${forbidden.origin}/steal`;
    const sentBefore = allowed.requests.length;

    const run = await runCall(`${allowed.origin}/start?to=${encodeURIComponent(target)}`);

    expect(run.status).toBe('error');
    expect(run.errorMessage).toBe(notListed(target, forbidden.hostPort));
    expect(allowed.requests).toHaveLength(sentBefore + 1);
    expect(forbidden.requests).toHaveLength(0);
  });

  it('redirected to a restricted address are rejected', async () => {
    const target = `http://localhost:${portOf(byName)}/steal`;

    const run = await runCall(`${allowed.origin}/start?to=${encodeURIComponent(target)}`);

    expect(run.status).toBe('error');
    expect(run.errorMessage).toMatch(restricted(target));
    expect(byName.requests).toHaveLength(0);
  });
});
