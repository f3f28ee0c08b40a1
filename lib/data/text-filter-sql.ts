/**
 * Filters on text columns. Each comparison pairs the exact condition with an implied one on the
 * indexed prefix (see `indexExpression`): in the "C" collation, comparing prefixes never
 * contradicts comparing whole values, so the rows stay the same and the index applies.
 */

import { sql, type SQL } from 'drizzle-orm';

import type { DataColumn } from '../../engine/data';
import { arrayLiteral, columnExpression, indexExpression, textIndexPrefix } from './sql-text';

type TextComparison = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte';

const OPERATORS: Record<TextComparison, string> = {
  eq: '=',
  neq: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
};

/** The prefix condition implied by each comparison; `neq` implies none. */
const PREFIX_OPERATORS: Record<TextComparison, string | null> = {
  eq: '=',
  neq: null,
  gt: '>=',
  gte: '>=',
  lt: '<=',
  lte: '<=',
};

export function textComparisonSql(column: DataColumn, op: TextComparison, value: string): SQL {
  const whole = sql`${sql.raw(columnExpression(column.name, 'text'))} ${sql.raw(OPERATORS[op])} ${value}`;
  const prefixOperator = PREFIX_OPERATORS[op];
  if (!prefixOperator) return whole;

  const prefix = sql.raw(indexExpression(column.name, 'text'));
  const onPrefix = sql`${prefix} ${sql.raw(prefixOperator)} ${textIndexPrefix(value)}`;

  // A lower bound that every value meets turns `<` into a two-sided range, which the planner
  // estimates as selective enough to use the index (see openRangeBound in filter-sql.ts).
  const isUpperBounded = op === 'lt' || op === 'lte';
  const lowerBound = isUpperBounded ? sql` AND ${prefix} >= ''` : sql``;
  return sql`(${onPrefix}${lowerBound} AND ${whole})`;
}

export function textInSql(column: DataColumn, values: string[]): SQL {
  const whole = sql.raw(columnExpression(column.name, 'text'));
  const prefix = sql.raw(indexExpression(column.name, 'text'));
  const prefixes = [...new Set(values.map(textIndexPrefix))];

  return sql`(${prefix} = ANY(${arrayLiteral(prefixes)}::text[]) AND ${whole} = ANY(${arrayLiteral(values)}::text[]))`;
}
