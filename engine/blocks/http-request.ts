import { validateHeaderName, validateHeaderValue } from 'node:http';

import type { BlockContext } from '../block-context';
import type { HttpRequestSpec } from '../http/send';

/** Characters a header value may carry as they are: visible ASCII, space and tab. */
const PLAIN_HEADER_VALUE = /^[\t\x20-\x7e]*$/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Evaluates the request of an `http` block: the URL, each header and the body. Objects and
 * arrays in the body are sent as JSON with `content-type: application/json` unless a header sets
 * another content type.
 */
export async function resolveHttpRequest(context: BlockContext<'http'>): Promise<HttpRequestSpec> {
  const { config } = context;
  const url = await context.evaluate('url', config.url);
  if (typeof url !== 'string' || url === '') {
    throw context.fail(
      `url must evaluate to a URL string, got ${JSON.stringify(url) ?? 'undefined'}`,
    );
  }

  const headers: Record<string, string> = {};
  for (const [name, source] of Object.entries(config.headers ?? {})) {
    const value = await context.evaluate(`headers.${name}`, source);
    if (value === undefined || value === null) continue;

    checkHeader(context, name, String(value));
    headers[name.toLowerCase()] = String(value);
  }

  const request: HttpRequestSpec = { method: config.method.toUpperCase(), url, headers };
  if (config.body === undefined || config.body === '') return request;

  const body = await context.evaluate('body', config.body);
  if (body === undefined || body === null) return request;
  if (typeof body === 'string') return { ...request, body };

  headers['content-type'] ??= 'application/json';
  return { ...request, body: JSON.stringify(body) };
}

/**
 * Rejects a header that Node.js would refuse to send, before anything is sent: the name must be
 * an HTTP token and the value may not contain control characters or characters above U+00FF.
 */
function checkHeader(context: BlockContext<'http'>, name: string, value: string): void {
  try {
    validateHeaderName(name);
  } catch {
    throw context.fail(
      `header name ${JSON.stringify(name)} is not a valid HTTP header name; use letters, digits and -`,
    );
  }

  try {
    validateHeaderValue(name, value);
  } catch {
    throw context.fail(
      `header "${name}" has a value with characters HTTP headers cannot carry; encode it, e.g. with encodeURIComponent()`,
    );
  }
}

/**
 * Returns the `Idempotency-Key` header value: the block's idempotencyKey when set, else
 * `<runId>:<blockId>`, plus `:<iteration>` inside a loop. Every attempt sends the same value.
 * A value with characters beyond visible ASCII (a block id such as `notify ✓`) is sent
 * percent-encoded as UTF-8, `%` included, so that any block id and key can be sent.
 */
export function idempotencyHeaderValue(context: BlockContext, idempotencyKey?: string): string {
  if (idempotencyKey !== undefined) return toHeaderValue(idempotencyKey);

  const base = `${context.run.runId}:${context.node.id}`;
  const value = context.frame.iteration === undefined ? base : `${base}:${context.frame.iteration}`;
  return toHeaderValue(value);
}

function toHeaderValue(text: string): string {
  if (PLAIN_HEADER_VALUE.test(text)) return text;

  // A lone surrogate has no UTF-8 form, so it becomes U+FFFD first.
  const wellFormed = text.replace(LONE_SURROGATE, '\uFFFD');
  return Array.from(wellFormed, (character) =>
    /^[\x21-\x24\x26-\x7e]$/.test(character) ? character : encodeURIComponent(character),
  ).join('');
}
