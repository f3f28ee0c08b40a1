/**
 * Quoting for the few places where SQL text cannot use bound parameters: DDL, and the column
 * names inside cast expressions, which must be literals so that they match the expression
 * indexes. Every value still travels as a bound parameter.
 */

import type { ColumnType } from '../../engine/types';

/** Quotes a string literal. Assumes `standard_conforming_strings = on`, the default since 9.1. */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) {
    throw new Error(`SQL literal ${JSON.stringify(value)} contains a NUL character`);
  }

  return `'${value.replaceAll("'", "''")}'`;
}

/** Quotes an identifier such as an index name. */
export function quoteIdentifier(name: string): string {
  if (name.includes('\u0000')) {
    throw new Error(`SQL identifier ${JSON.stringify(name)} contains a NUL character`);
  }

  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Returns the typed expression of a column over `data_rows.data`, which filters and sorts use.
 * The per-column indexes cover this exact text (a prefix of it for text, see `indexExpression`),
 * because the planner only matches an index whose expression is identical to the query's.
 */
export function columnExpression(name: string, type: ColumnType): string {
  const key = quoteLiteral(name);

  switch (type) {
    case 'number':
      return `((data ->> ${key})::numeric)`;
    case 'date':
      return `flowscope_timestamptz(data ->> ${key})`;
    case 'boolean':
      return `((data ->> ${key})::boolean)`;
    case 'text':
      return `((data ->> ${key}) COLLATE "C")`;
    case 'json':
      return `(data -> ${key})`;
  }
}

/**
 * Characters of a text value that its column's index covers. A B-tree entry must fit in about
 * 2,700 bytes (PostgreSQL rejects the INSERT otherwise), so text columns index a prefix:
 * 200 characters are at most 800 bytes in UTF-8.
 */
export const TEXT_INDEX_PREFIX_LENGTH = 200;

/**
 * Returns the expression a column's index covers: the typed expression, except for text, where it is
 * the first `TEXT_INDEX_PREFIX_LENGTH` characters. Text filters add a condition on the prefix,
 * which the index serves, next to the exact condition on the whole value.
 */
export function indexExpression(name: string, type: ColumnType): string {
  if (type !== 'text') return columnExpression(name, type);

  return `(left(data ->> ${quoteLiteral(name)}, ${TEXT_INDEX_PREFIX_LENGTH}) COLLATE "C")`;
}

/** Returns the prefix of a text value that `indexExpression` computes, in code points as `left()` counts. */
export function textIndexPrefix(value: string): string {
  return Array.from(value).slice(0, TEXT_INDEX_PREFIX_LENGTH).join('');
}

/** Returns the column's value as text: SQL NULL when the key is missing or contains JSON null. */
export function columnTextExpression(name: string): string {
  return `(data ->> ${quoteLiteral(name)})`;
}

/** Formats strings as a PostgreSQL array literal (`{"a","b"}`), for a single typed array parameter. */
export function arrayLiteral(values: readonly string[]): string {
  const elements = values.map(
    (value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
  );
  return `{${elements.join(',')}}`;
}
