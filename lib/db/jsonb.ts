/**
 * Prepares a value for a jsonb column. JSON text may carry `\u0000`, but jsonb rejects it and
 * the whole statement fails, so NUL characters become U+FFFD; `undefined` becomes null. A run's
 * trace holds whatever its blocks returned, and one NUL must not lose the run.
 */
export function toJsonbValue(value: unknown): unknown {
  if (value === undefined) return null;

  const text = JSON.stringify(value);
  if (text === undefined) return null;
  if (!text.includes('\\u0000')) return value;

  // Only an escape preceded by an even number of backslashes is a real `\u0000`.
  const replaced = text.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd');
  return JSON.parse(replaced);
}
