import { sql, type SQL } from 'drizzle-orm';

import type { DataColumn, DataTableInfo, ResolvedFilter } from '../../engine/data';
import { FILTER_OPERATORS } from '../../engine/types';
import { normaliseIsoDate } from './dates';
import { DataError, describeType, describeValue } from './errors';
import { arrayLiteral, columnExpression, columnTextExpression, indexExpression } from './sql-text';
import { textComparisonSql, textInSql } from './text-filter-sql';

const COMPARISONS = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

const SQL_TYPE_BY_COLUMN_TYPE = {
  number: 'numeric',
  date: 'timestamptz',
  boolean: 'boolean',
  text: 'text',
} as const;

const MATCH_NOTHING = sql`false`;

/** The smallest and largest value of each ordered type except text, which has no largest. */
const RANGE_LIMITS = {
  number: { min: `'-Infinity'::numeric`, max: `'Infinity'::numeric` },
  date: { min: `'-infinity'::timestamptz`, max: `'infinity'::timestamptz` },
  boolean: { min: 'false', max: 'true' },
} as const;

/**
 * Translates one resolved filter into a SQL condition on `data_rows`, with SQL three-valued
 * logic: a comparison (`eq` to `in`) never matches a row whose value is null or missing, and a
 * comparison with a null filter value matches nothing. `isNull` matches a missing key or JSON
 * null. Values travel as bound parameters cast to the column's SQL type.
 */
export function filterSql(table: DataTableInfo, filter: ResolvedFilter): SQL {
  const column = findColumn(table, filter.column, 'filter');

  if (!(FILTER_OPERATORS as readonly string[]).includes(filter.op)) {
    throw invalidFilter(table, column, `the unknown operator "${filter.op}"`);
  }
  if (filter.op === 'isNull' || filter.op === 'notNull') {
    return nullTestSql(column, filter.op);
  }
  if (filter.value === null || filter.value === undefined) {
    return MATCH_NOTHING;
  }

  if (column.type === 'json') return jsonFilterSql(table, column, filter);
  if (filter.op === 'in') return inSql(table, column, filter.value);
  if (filter.op === 'contains') return textContainsSql(table, column, filter.value);

  if (column.type === 'text') {
    const text = parameterText(table, column, filter.value, filter.op);
    return textComparisonSql(column, filter.op, text);
  }

  const operator = COMPARISONS[filter.op];
  const parameter = typedParameter(table, column, filter.value, filter.op);
  const comparison = sql`${sql.raw(columnExpression(column.name, column.type))} ${sql.raw(operator)} ${parameter}`;

  const bound = openRangeBound(column, filter.op);
  return bound ? sql`(${comparison} AND ${sql.raw(bound)})` : comparison;
}

/**
 * Returns the matching bound that closes a one-sided range (`freight > 500` gets `AND freight <=
 * 'Infinity'`), which every stored value satisfies, so the rows stay the same.
 *
 * The planner ignores the statistics of partial indexes. So it estimates a one-sided range on a
 * column expression at a third of the rows and prefers a scan of the whole table. It estimates
 * a two-sided range at 0.5% and uses the column's index (seen with EXPLAIN on PostgreSQL 15
 * and on PGlite).
 */
function openRangeBound(column: DataColumn, op: string): string | null {
  const isLowerBounded = op === 'gt' || op === 'gte';
  const isUpperBounded = op === 'lt' || op === 'lte';
  if (!isLowerBounded && !isUpperBounded) return null;

  const expression = columnExpression(column.name, column.type);
  const bounds = RANGE_LIMITS[column.type as keyof typeof RANGE_LIMITS];
  if (!bounds) return null;

  const limit = isLowerBounded ? bounds.max : bounds.min;
  return isLowerBounded ? `${expression} <= ${limit}` : `${expression} >= ${limit}`;
}

/** Finds a column by name or throws `UNKNOWN_COLUMN` listing the table's columns. */
export function findColumn(table: DataTableInfo, name: string, usage: string): DataColumn {
  const column = table.columns.find((candidate) => candidate.name === name);
  if (column) return column;

  const columns = table.columns.map((candidate) => candidate.name).join(', ');
  throw new DataError(
    'UNKNOWN_COLUMN',
    `Table "${table.name}" has no column "${name}" to ${usage} on (columns: ${columns})`,
    table.name,
  );
}

function nullTestSql(column: DataColumn, op: 'isNull' | 'notNull'): SQL {
  // The indexed expression is NULL exactly when the text is, so the index serves the test.
  const expression =
    column.type === 'json'
      ? columnTextExpression(column.name)
      : indexExpression(column.name, column.type);
  return sql.raw(`${expression} ${op === 'isNull' ? 'IS NULL' : 'IS NOT NULL'}`);
}

function jsonFilterSql(table: DataTableInfo, column: DataColumn, filter: ResolvedFilter): SQL {
  const expression = sql.raw(columnExpression(column.name, column.type));
  const parameter = sql`${JSON.stringify(filter.value)}::jsonb`;

  switch (filter.op) {
    case 'eq':
      return sql`${expression} = ${parameter}`;
    case 'neq':
      // A stored JSON null is a null value, which no comparison matches.
      return sql`(${expression} <> ${parameter} AND ${expression} <> 'null'::jsonb)`;
    case 'contains':
      return sql`${expression} @> ${parameter}`;
    default:
      throw invalidFilter(
        table,
        column,
        `"${filter.op}", which json columns do not support (use eq, neq, contains, isNull or notNull)`,
      );
  }
}

function textContainsSql(table: DataTableInfo, column: DataColumn, value: unknown): SQL {
  if (column.type !== 'text') {
    throw invalidFilter(
      table,
      column,
      `"contains", which ${column.type} columns do not support (use it on text or json columns)`,
    );
  }

  const parameter = typedParameter(table, column, value, 'contains');
  return sql`strpos(${sql.raw(columnExpression(column.name, column.type))}, ${parameter}) > 0`;
}

function inSql(table: DataTableInfo, column: DataColumn, value: unknown): SQL {
  if (!Array.isArray(value)) {
    throw invalidFilter(
      table,
      column,
      `"in" with ${describeValue(value)} (${describeType(value)}); "in" expects an array`,
    );
  }

  const items = value.filter((item) => item !== null && item !== undefined);
  if (items.length === 0) return MATCH_NOTHING;

  const texts = items.map((item) => parameterText(table, column, item, 'in'));
  if (column.type === 'text') return textInSql(column, texts);

  const arrayType = `${SQL_TYPE_BY_COLUMN_TYPE[column.type as keyof typeof SQL_TYPE_BY_COLUMN_TYPE]}[]`;
  return sql`${sql.raw(columnExpression(column.name, column.type))} = ANY(${arrayLiteral(texts)}::${sql.raw(arrayType)})`;
}

function typedParameter(table: DataTableInfo, column: DataColumn, value: unknown, op: string): SQL {
  const sqlType = SQL_TYPE_BY_COLUMN_TYPE[column.type as keyof typeof SQL_TYPE_BY_COLUMN_TYPE];
  const text = parameterText(table, column, value, op);

  // Text comparisons use the "C" collation of the column expression: byte order, case-sensitive.
  if (column.type === 'text') return sql`${text}`;
  return sql`${text}::${sql.raw(sqlType)}`;
}

/** Validates a filter value against the column type and returns its text for the parameter. */
function parameterText(
  table: DataTableInfo,
  column: DataColumn,
  value: unknown,
  op: string,
): string {
  const mismatch = () =>
    invalidFilter(
      table,
      column,
      `"${op}" with ${describeValue(value)} (${describeType(value)}); expected ${expectedFilterValue(column)}`,
    );

  switch (column.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw mismatch();
      return String(value);
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch();
      return String(value);
    case 'text':
      if (typeof value !== 'string' || value.includes('\u0000')) throw mismatch();
      return value;
    case 'date': {
      const iso = typeof value === 'string' ? normaliseIsoDate(value) : null;
      if (iso === null) throw mismatch();
      return iso;
    }
    case 'json':
      throw mismatch();
  }
}

function expectedFilterValue(column: DataColumn): string {
  switch (column.type) {
    case 'number':
      return 'a finite number';
    case 'boolean':
      return 'a boolean';
    case 'text':
      return 'a string';
    case 'date':
      return 'an ISO 8601 date string';
    case 'json':
      return 'a JSON value';
  }
}

function invalidFilter(table: DataTableInfo, column: DataColumn, problem: string): DataError {
  return new DataError(
    'INVALID_FILTER',
    `Table "${table.name}": cannot filter ${column.type} column "${column.name}" by ${problem}`,
    table.name,
  );
}
