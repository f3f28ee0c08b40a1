import type { DataColumn, DataTableInfo } from '../../engine/data';
import { normaliseIsoDate } from './dates';
import { DataError, describeType, describeValue } from './errors';
import { ROW_ID_KEY } from './columns';

/**
 * Validates the values of an insert or update against the table's columns and returns them in
 * stored form: numbers finite, dates as `toISOString()` in UTC, JSON checked to be plain JSON.
 * `undefined` values are dropped, as `JSON.stringify` would; null stores a missing value.
 * Throws a `DataError` naming the column, the value and the expected type.
 */
export function normaliseWriteValues(
  table: DataTableInfo,
  values: Record<string, unknown>,
): Record<string, unknown> {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new DataError(
      'INVALID_VALUE',
      `Table "${table.name}": row values must be an object of column names to values, got ${describeValue(values)}`,
      table.name,
    );
  }

  rejectUnknownColumns(table, Object.keys(values));

  const columnsByName = new Map(table.columns.map((column) => [column.name, column]));
  const normalised: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    normalised[name] = normaliseColumnValue(table.name, columnsByName.get(name)!, value);
  }

  return normalised;
}

function rejectUnknownColumns(table: DataTableInfo, keys: string[]): void {
  if (keys.includes(ROW_ID_KEY)) {
    throw new DataError(
      'RESERVED_COLUMN',
      `Table "${table.name}": "${ROW_ID_KEY}" is the row id and cannot be written; pass the row id separately`,
      table.name,
    );
  }

  const known = new Set(table.columns.map((column) => column.name));
  const unknown = keys.filter((key) => !known.has(key));
  if (unknown.length === 0) return;

  const names = unknown.map((name) => `"${name}"`).join(', ');
  const columns = table.columns.map((column) => column.name).join(', ');
  const noun = unknown.length === 1 ? 'column' : 'columns';
  throw new DataError(
    'UNKNOWN_COLUMN',
    `Table "${table.name}" has no ${noun} ${names} (columns: ${columns})`,
    table.name,
  );
}

/** Validates one value for a column and returns its stored form; null passes for every type. */
export function normaliseColumnValue(
  tableName: string,
  column: DataColumn,
  value: unknown,
): unknown {
  if (value === null) return null;

  const stored = toStoredValue(column, value);
  if (stored === undefined) {
    throw new DataError(
      'INVALID_VALUE',
      `Table "${tableName}": column "${column.name}" expects ${expectedText(column)}, got ${describeValue(value)} (${describeType(value)})`,
      tableName,
    );
  }

  return stored;
}

/** Returns the stored form of a non-null value, or undefined when it does not fit the column type. */
function toStoredValue(column: DataColumn, value: unknown): unknown {
  switch (column.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'text':
      return typeof value === 'string' && !value.includes('\u0000') ? value : undefined;
    case 'date':
      return toStoredDate(value);
    case 'json':
      return isPlainJson(value) ? value : undefined;
  }
}

function toStoredDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  }
  if (typeof value === 'string') {
    return normaliseIsoDate(value) ?? undefined;
  }
  return undefined;
}

function expectedText(column: DataColumn): string {
  switch (column.type) {
    case 'number':
      return 'a finite number';
    case 'boolean':
      return 'a boolean';
    case 'text':
      return 'a string without NUL characters';
    case 'date':
      return 'an ISO 8601 date string such as "2024-05-01" or "2024-05-01T12:00:00Z"';
    case 'json':
      return 'a JSON value (finite numbers, strings without NUL characters, plain objects and arrays)';
  }
}

/**
 * Checks whether a value survives a JSON round trip unchanged and fits jsonb: no functions, no
 * non-finite numbers, no class instances, no NUL characters (jsonb rejects `\u0000`).
 */
export function isPlainJson(value: unknown, depth = 0): boolean {
  if (depth > 100) return false;
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return !value.includes('\u0000');
  if (Array.isArray(value)) return value.every((item) => isPlainJson(item, depth + 1));

  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return false;

    return Object.entries(value).every(
      ([key, item]) => !key.includes('\u0000') && isPlainJson(item, depth + 1),
    );
  }

  return false;
}
