/**
 * Reads a response body with a size cap. Bytes past the cap are counted and discarded, so the
 * output notes the full size without holding it. JSON bodies (by content type) are parsed when
 * they arrived whole; everything else is decoded as UTF-8 text.
 *
 * A JSON number that a double cannot hold exactly, an integer beyond ±2^53 such as an id
 * `12345678901234567890`, or one too large for a double, is kept as its text, a string with
 * every digit. JSON.parse would otherwise round it without a word.
 */

import type { IncomingMessage } from 'node:http';

/** Bytes of a response body kept in a block's output. */
export const MAX_RESPONSE_BODY_BYTES = 1024 * 1024;

export interface ResponseBody {
  body: unknown;
  /** Size of the whole body in bytes. */
  bodyBytes: number;
  /** Present when the body was larger than the cap and `body` holds only its start. */
  bodyTruncated?: true;
}

export async function readResponseBody(
  response: IncomingMessage,
  maxBytes: number = MAX_RESPONSE_BODY_BYTES,
): Promise<ResponseBody> {
  const chunks: Buffer[] = [];
  let keptBytes = 0;
  let totalBytes = 0;

  for await (const chunk of response as AsyncIterable<Buffer>) {
    totalBytes += chunk.length;
    if (keptBytes < maxBytes) {
      const kept = chunk.subarray(0, maxBytes - keptBytes);
      chunks.push(kept);
      keptBytes += kept.length;
    }
  }

  const text = Buffer.concat(chunks).toString('utf8');
  const isTruncated = totalBytes > keptBytes;
  if (isTruncated) return { body: text, bodyBytes: totalBytes, bodyTruncated: true };

  return { body: decodeBody(text, response.headers['content-type']), bodyBytes: totalBytes };
}

function decodeBody(text: string, contentType: string | undefined): unknown {
  const isJson = /\bjson\b/i.test(contentType ?? '');
  if (!isJson || text === '') return text;

  try {
    return JSON.parse(text, keepInexactNumbers) as unknown;
  } catch {
    return text;
  }
}

const INTEGER_TEXT = /^-?\d+$/;

/**
 * Keeps a number that JSON.parse would change as its source text. Used as a JSON.parse reviver,
 * whose third argument carries that text in Node.js 24.
 */
function keepInexactNumbers(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value !== 'number' || context?.source === undefined) return value;

  const source = context.source;
  if (!Number.isFinite(value)) return source;
  if (Number.isSafeInteger(value) || !INTEGER_TEXT.test(source)) return value;
  return BigInt(source) === BigInt(value) ? value : source;
}
