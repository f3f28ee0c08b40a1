/**
 * Errors of the data-table layer. Callers tell them apart by `code`, never by `instanceof`,
 * because they cross into the engine and the sandbox.
 */

export type DataErrorCode =
  | 'TABLE_NOT_FOUND'
  | 'UNKNOWN_COLUMN'
  | 'RESERVED_COLUMN'
  | 'INVALID_COLUMNS'
  | 'INVALID_VALUE'
  | 'INVALID_FILTER'
  | 'INVALID_SORT'
  | 'INVALID_QUERY'
  | 'QUERY_CANCELLED';

export class DataError extends Error {
  constructor(
    readonly code: DataErrorCode,
    message: string,
    readonly tableName?: string,
  ) {
    super(message);
    this.name = 'DataError';
  }
}

/** Formats a value for an error message: JSON where possible, shortened to 80 characters. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';

  let text: string;
  try {
    text =
      typeof value === 'number' || typeof value === 'bigint'
        ? String(value)
        : JSON.stringify(value);
  } catch {
    text = String(value);
  }

  text ??= String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Names a value's JavaScript type for messages: `string`, `number`, `array`, `null`. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
