/**
 * Calls the app's server actions over HTTP the way the browser does: a POST to the page with the
 * action's id in the `Next-Action` header and the arguments as JSON. The response is in the
 * React Server Components format. The id comes from the build's server reference manifest.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { REPOSITORY_ROOT } from './engine-modules';

interface ServerReferenceManifest {
  node: Record<string, { exportedName?: string; filename?: string }>;
}

/** Finds the id of the server action `exportedName` defined in `filename` (from the root). */
export function findServerActionId(filename: string, exportedName: string): string {
  const file = path.join(REPOSITORY_ROOT, '.next', 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as ServerReferenceManifest;
  const entry = Object.entries(manifest.node).find(
    ([, action]) => action.exportedName === exportedName && action.filename === filename,
  );

  if (!entry)
    throw new Error(
      `Server action ${exportedName} of ${filename} is not in the build; run npm run build`,
    );
  return entry[0];
}

/** Opens a session on the tenant `slug` through `GET /session`; returns the cookie header. */
export async function openSession(baseUrl: string, slug: string): Promise<string> {
  const url = `${baseUrl}/session?tenant=${slug}&next=/`;
  const response = await fetchOnLiveConnection(url, { redirect: 'manual' });
  await response.arrayBuffer();
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);

  if (cookies.length === 0)
    throw new Error(`GET /session?tenant=${slug} set no cookie (status ${response.status})`);
  return cookies.join('; ');
}

export interface ActionCall {
  baseUrl: string;
  pagePath: string;
  actionId: string;
  cookie: string;
}

/**
 * Checks whether a fetch failed because the server had closed an idle keep-alive connection as
 * the request went out. The server closes only connections with no request in flight, so the
 * request was never handled and sending it again is safe.
 */
function isStaleConnection(error: unknown): boolean {
  const cause =
    error instanceof Error ? (error.cause as { message?: string } | undefined) : undefined;
  return cause?.message === 'other side closed';
}

/** Sends a request, once more when it went out on a connection the server had just closed. */
async function fetchOnLiveConnection(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!isStaleConnection(error)) throw error;
    return fetch(url, init);
  }
}

/** Calls the action with one argument; returns the response text (React Server Components). */
export async function callServerAction(call: ActionCall, argument: unknown): Promise<string> {
  const response = await fetchOnLiveConnection(`${call.baseUrl}${call.pagePath}`, {
    method: 'POST',
    headers: {
      accept: 'text/x-component',
      'content-type': 'text/plain;charset=UTF-8',
      'next-action': call.actionId,
      cookie: call.cookie,
    },
    body: JSON.stringify([argument]),
  });
  const text = await response.text();

  if (!response.ok) {
    throw new Error(`Server action returned status ${response.status}: ${text.slice(0, 300)}`);
  }
  return text;
}
