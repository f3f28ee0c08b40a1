import type { BlockContext } from '../block-context';
import type { HttpRequestSpec } from '../http/send';

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
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
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
 * Returns the `Idempotency-Key` header value: the block's idempotencyKey when set, else
 * `<runId>:<blockId>`, plus `:<iteration>` inside a loop. Every attempt sends the same value.
 */
export function idempotencyHeaderValue(context: BlockContext, idempotencyKey?: string): string {
  if (idempotencyKey !== undefined) return idempotencyKey;

  const base = `${context.run.runId}:${context.node.id}`;
  return context.frame.iteration === undefined ? base : `${base}:${context.frame.iteration}`;
}
