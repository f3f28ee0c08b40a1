import type { DataColumn } from '../../engine/data';
import { COLUMN_TYPES } from '../../engine/types';
import { DataError } from './errors';

/** The row id's key in rows that blocks see; no column may use it. */
export const ROW_ID_KEY = '_id';

/** Upper bound of a column name's length, in characters. */
export const MAX_COLUMN_NAME_LENGTH = 200;

/** Upper bound of the number of columns of one data table. */
export const MAX_COLUMNS = 200;

// Control characters cannot be stored in jsonb keys (NUL) or shown in the app.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Validates the columns of a new data table: at least one, each with a non-blank name without
 * control characters, unique, not `_id`, and a known type. Throws a `DataError` naming the column.
 */
export function validateColumns(tableName: string, columns: readonly DataColumn[]): void {
  if (columns.length === 0) {
    throw invalidColumns(tableName, 'a data table needs at least one column');
  }
  if (columns.length > MAX_COLUMNS) {
    throw invalidColumns(
      tableName,
      `${columns.length} columns exceed the maximum of ${MAX_COLUMNS}`,
    );
  }

  const seen = new Set<string>();
  for (const [position, column] of columns.entries()) {
    validateColumnName(tableName, column.name, position + 1);

    if (seen.has(column.name)) {
      throw invalidColumns(tableName, `column "${column.name}" appears more than once`);
    }
    seen.add(column.name);

    if (!(COLUMN_TYPES as readonly string[]).includes(column.type)) {
      const expected = COLUMN_TYPES.join(', ');
      throw invalidColumns(
        tableName,
        `column "${column.name}" has the unknown type "${column.type}" (expected one of ${expected})`,
      );
    }
  }
}

/** Validates one column name; `position` is 1-based and used when the name is blank. */
export function validateColumnName(tableName: string, name: string, position: number): void {
  if (typeof name !== 'string' || name.trim() === '') {
    throw invalidColumns(tableName, `column ${position} has an empty name`);
  }
  if (name === '__proto__') {
    throw new DataError(
      'RESERVED_COLUMN',
      `Table "${tableName}": "__proto__" is reserved in JavaScript objects and cannot be a column name; rename the column`,
      tableName,
    );
  }
  if (name === ROW_ID_KEY) {
    throw new DataError(
      'RESERVED_COLUMN',
      `Table "${tableName}": "${ROW_ID_KEY}" is reserved for the row id and cannot be a column name; rename the column`,
      tableName,
    );
  }
  if (CONTROL_CHARACTER.test(name)) {
    throw invalidColumns(
      tableName,
      `column name ${JSON.stringify(name)} contains a control character`,
    );
  }
  if (name.length > MAX_COLUMN_NAME_LENGTH) {
    throw invalidColumns(
      tableName,
      `column name "${name.slice(0, 40)}..." is longer than ${MAX_COLUMN_NAME_LENGTH} characters`,
    );
  }
}

function invalidColumns(tableName: string, problem: string): DataError {
  return new DataError('INVALID_COLUMNS', `Table "${tableName}": ${problem}`, tableName);
}
