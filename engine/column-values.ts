/**
 * How values meet column types: casting a filter value or a written value to its column's type,
 * and comparing two values of one type. The rules equal the SQL the data layer runs, so that the
 * preview overlay and the database agree on every row:
 *
 * - number: a finite number, or a string that contains one (`"12.5"`).
 * - date: an ISO 8601 string, date-only strings meaning midnight UTC and strings without a
 *   zone meaning UTC, compared as instants. Normalized to `toISOString()` form.
 * - boolean: `true`, `false`, `"true"` or `"false"`.
 * - text: a string without NUL characters, or a number turned into its string form. Compared by
 *   code point, as `COLLATE "C"` compares.
 * - json: any plain JSON value.
 */

import type { ColumnType } from './types';

export type CastResult = { ok: true; value: unknown } | { ok: false; problem: string };

// `YYYY-MM-DD`, optionally a time (`T` or a space, `HH:MM`, `:SS`, a fraction) and a zone
// (`Z`, `+hh`, `+hhmm` or `+hh:mm`). The data layer parses dates with the same grammar.
const ISO_DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Casts a non-null value to the column type, or describes why it cannot be cast. */
export function castToColumnType(type: ColumnType, value: unknown): CastResult {
  switch (type) {
    case 'number':
      return castNumber(value);
    case 'date':
      return castDate(value);
    case 'boolean':
      return castBoolean(value);
    case 'text':
      return castText(value);
    case 'json':
      return isPlainJson(value)
        ? { ok: true, value }
        : { ok: false, problem: `${describeValue(value)} is not a plain JSON value` };
  }
}

/**
 * Checks whether a value is plain JSON that `jsonb` accepts: finite numbers, strings without NUL
 * characters, plain objects and arrays.
 */
export function isPlainJson(value: unknown, depth = 0): boolean {
  if (depth > 100) return false;
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return !value.includes('\u0000');
  if (Array.isArray(value)) return value.every((item) => isPlainJson(item, depth + 1));
  if (typeof value !== 'object') return false;

  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.entries(value).every(
    ([key, item]) => !key.includes('\u0000') && isPlainJson(item, depth + 1),
  );
}

function castNumber(value: unknown): CastResult {
  if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };

  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    if (Number.isFinite(parsed)) return { ok: true, value: parsed };
  }

  return { ok: false, problem: `${describeValue(value)} is not a number` };
}

function castDate(value: unknown): CastResult {
  const instant = parseDateInstant(value);

  if (instant === null) {
    return {
      ok: false,
      problem: `${describeValue(value)} is not a date; use an ISO 8601 string such as "2024-05-01" or "2024-05-01T12:00:00Z"`,
    };
  }
  return { ok: true, value: new Date(instant).toISOString() };
}

function castBoolean(value: unknown): CastResult {
  if (value === true || value === 'true') return { ok: true, value: true };
  if (value === false || value === 'false') return { ok: true, value: false };

  return { ok: false, problem: `${describeValue(value)} is not a boolean` };
}

function castText(value: unknown): CastResult {
  if (typeof value === 'string' && value.includes('\u0000')) {
    return { ok: false, problem: `${describeValue(value)} contains a NUL character` };
  }
  if (typeof value === 'string') return { ok: true, value };
  if (typeof value === 'number' && Number.isFinite(value))
    return { ok: true, value: String(value) };

  return { ok: false, problem: `${describeValue(value)} is not a string` };
}

/**
 * Milliseconds since the epoch of an ISO 8601 date or date-time string, or null when the value
 * is not one. Calendar fields are checked, so `2024-02-30` is not a date.
 */
export function parseDateInstant(value: unknown): number | null {
  if (typeof value !== 'string') return null;

  const match = ISO_DATE_PATTERN.exec(value.trim());
  if (!match) return null;

  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', offset] =
    match;
  const milliseconds = Number(`${fraction}000`.slice(0, 3));
  const utc = Date.UTC(+year!, +month! - 1, +day!, +hour, +minute, +second, milliseconds);

  const calendar = new Date(utc);
  const isRealDate =
    calendar.getUTCFullYear() === +year! &&
    calendar.getUTCMonth() === +month! - 1 &&
    calendar.getUTCDate() === +day! &&
    +hour < 24 &&
    +minute < 60 &&
    +second < 60;
  if (!isRealDate) return null;

  return utc - offsetMinutes(offset) * 60_000;
}

function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset === 'Z') return 0;

  const digits = offset.slice(1).replace(':', '');
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

/** Renders a value as short JSON for error messages. */
export function describeValue(value: unknown): string {
  const text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Compares two strings by Unicode code point. JavaScript's `<` compares UTF-16 code units, which
 * puts characters above U+FFFF (surrogate pairs) before U+E000..U+FFFF; this moves them after.
 */
export function compareCodePoints(left: string, right: string): number {
  const length = Math.min(left.length, right.length);

  for (let i = 0; i < length; i += 1) {
    const leftUnit = left.charCodeAt(i);
    const rightUnit = right.charCodeAt(i);
    if (leftUnit !== rightUnit) return codePointRank(leftUnit) - codePointRank(rightUnit);
  }
  return left.length - right.length;
}

function codePointRank(codeUnit: number): number {
  if (codeUnit >= 0xd800 && codeUnit <= 0xdfff) return codeUnit + 0x2000;
  if (codeUnit >= 0xe000) return codeUnit - 0x800;
  return codeUnit;
}

/**
 * Orders two non-null values of a column type that orders (`number`, `date`, `boolean`, `text`).
 * Values are expected to be cast already; dates are ISO strings.
 */
export function compareColumnValues(type: ColumnType, left: unknown, right: unknown): number {
  switch (type) {
    case 'number':
      return Math.sign((left as number) - (right as number));
    case 'date':
      return Math.sign(parseDateInstant(left)! - parseDateInstant(right)!);
    case 'boolean':
      return Number(left) - Number(right);
    case 'text':
      return Math.sign(compareCodePoints(left as string, right as string));
    case 'json':
      throw new TypeError('json values have no order');
  }
}
