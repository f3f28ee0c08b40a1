const NEWLINE = 0x0a;

/**
 * Returns the 1-based numbers of the physical lines that are not valid UTF-8. Splitting on the
 * newline byte is safe because no multi-byte UTF-8 sequence contains it.
 */
export function findInvalidUtf8Lines(bytes: Uint8Array): Set<number> {
  const invalid = new Set<number>();
  if (isValidUtf8(bytes)) return invalid;

  let lineStart = 0;
  let lineNumber = 1;
  for (let index = 0; index <= bytes.length; index++) {
    const isLineEnd = index === bytes.length || bytes[index] === NEWLINE;
    if (!isLineEnd) continue;

    if (!isValidUtf8(bytes.subarray(lineStart, index))) invalid.add(lineNumber);
    lineStart = index + 1;
    lineNumber++;
  }

  return invalid;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
