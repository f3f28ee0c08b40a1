import { Readable } from 'node:stream';

/** CSV input: the text, its bytes, or a stream of bytes (a file or an upload). */
export type CsvSource = string | Uint8Array | Readable | AsyncIterable<Uint8Array | string>;

/**
 * Reads a source into bytes. Strings are encoded as UTF-8. The whole file is held in memory
 * because column types are inferred from every value before the first row is written.
 */
export async function readSource(source: CsvSource): Promise<Uint8Array> {
  if (typeof source === 'string') return new TextEncoder().encode(source);
  if (source instanceof Uint8Array) return source;

  const chunks: Uint8Array[] = [];
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}
