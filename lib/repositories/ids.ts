const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks whether a string is a UUID. Ids arrive from URLs and forms; checking them first turns a
 * malformed id into "not found" instead of a database error.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Trims a display name and checks it: not empty, at most `maxLength` characters, no control
 * characters. Returns the trimmed name or the problem in words.
 */
export function checkName(
  value: unknown,
  maxLength: number,
): { name: string } | { problem: string } {
  if (typeof value !== 'string' || value.trim() === '') return { problem: 'must not be empty' };

  const name = value.trim();
  if (name.length > maxLength) return { problem: `must be at most ${maxLength} characters` };
  if (CONTROL_CHARACTER.test(name)) return { problem: 'must not contain control characters' };
  return { name };
}
