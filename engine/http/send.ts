/**
 * Sends one HTTP request under the policy of target.ts, following redirects by hand so every
 * hop is checked the same way.
 *
 * The request uses `node:http`/`node:https` rather than the global `fetch`, because their
 * `lookup` option lets the connection use the address that was checked instead of resolving the
 * host again: a second resolution could return a different, restricted address (DNS
 * rebinding). The `Host` header and TLS server name still come from the URL.
 */

import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

import { HttpRequestFailedError, describeError } from '../errors';
import type { HttpAllowList } from './allow-list';
import { readResponseBody, type ResponseBody } from './response-body';
import { checkTarget, type CheckedTarget } from './target';

export const MAX_REDIRECTS = 5;

export interface HttpRequestSpec {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponseData extends ResponseBody {
  status: number;
  headers: Record<string, string>;
  /** The URL of the final response, after redirects. */
  url: string;
  /** Every `Location` followed, in order. */
  redirects: string[];
}

export interface SendPolicy {
  allowList: HttpAllowList;
  /** Bound of the whole exchange, redirects included. */
  timeoutMs: number;
  /** The run's deadline signal; its abort reason is rethrown as is. */
  runSignal: AbortSignal;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Headers that a redirect to another origin must not carry. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/**
 * Sends the request and returns the final response. Throws HttpRequestRejectedError when a hop
 * breaks the policy, HttpRequestFailedError on network errors and timeouts, and the run
 * signal's reason when the run's time is up.
 */
export async function sendHttpRequest(
  spec: HttpRequestSpec,
  policy: SendPolicy,
): Promise<HttpResponseData> {
  const signal = AbortSignal.any([policy.runSignal, AbortSignal.timeout(policy.timeoutMs)]);
  const redirects: string[] = [];
  let request = spec;

  try {
    for (;;) {
      const target = await checkTarget(request.url, policy.allowList);
      const response = await exchange(target, request, signal);
      const location = response.headers.location;

      if (!REDIRECT_STATUSES.has(response.statusCode ?? 0) || location === undefined) {
        return { ...(await describeResponse(response)), url: target.url.href, redirects };
      }

      response.resume();
      if (redirects.length >= MAX_REDIRECTS) {
        throw new HttpRequestFailedError(
          `request to ${spec.url} failed: more than ${MAX_REDIRECTS} redirects`,
        );
      }
      request = redirectedRequest(
        request,
        response.statusCode!,
        new URL(location, target.url).href,
      );
      redirects.push(request.url);
    }
  } catch (error) {
    throw translateAbort(error, spec, policy, signal);
  }
}

async function describeResponse(
  response: IncomingMessage,
): Promise<Omit<HttpResponseData, 'url' | 'redirects'>> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }

  return { status: response.statusCode ?? 0, headers, ...(await readResponseBody(response)) };
}

/**
 * Builds the request of the next hop, following fetch's rules: 303 (and 301 or 302 after a POST)
 * turn into a GET without the body, and credentials are dropped when the origin changes.
 */
function redirectedRequest(request: HttpRequestSpec, status: number, url: string): HttpRequestSpec {
  const becomesGet =
    status === 303
      ? request.method !== 'HEAD'
      : (status === 301 || status === 302) && request.method === 'POST';
  const isCrossOrigin = new URL(url).origin !== new URL(request.url).origin;

  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => {
      const isDroppedContent = becomesGet && /^content-/i.test(name);
      const isDroppedCredential = isCrossOrigin && CREDENTIAL_HEADERS.has(name.toLowerCase());
      return !isDroppedContent && !isDroppedCredential;
    }),
  );

  if (becomesGet) return { method: 'GET', url, headers };
  return { ...request, url, headers };
}

function exchange(
  target: CheckedTarget,
  request: HttpRequestSpec,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const transport = target.url.protocol === 'https:' ? https : http;
  const pinnedLookup: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };

  return new Promise((resolve, reject) => {
    const outgoing = transport.request(target.url, {
      method: request.method,
      headers: request.headers,
      lookup: pinnedLookup,
      agent: false,
      signal,
    });

    outgoing.once('response', resolve);
    outgoing.once('error', reject);
    outgoing.end(request.body);
  });
}

function translateAbort(
  error: unknown,
  spec: HttpRequestSpec,
  policy: SendPolicy,
  signal: AbortSignal,
): unknown {
  if (policy.runSignal.aborted) return policy.runSignal.reason;

  const code = (error as { code?: unknown }).code;
  if (code === 'HTTP_REQUEST_REJECTED' || code === 'HTTP_REQUEST_FAILED') return error;

  const reason = signal.aborted
    ? `timed out after ${policy.timeoutMs} ms`
    : describeError(error) || String(code);
  return new HttpRequestFailedError(`request to ${spec.url} failed: ${reason}`, { cause: error });
}
