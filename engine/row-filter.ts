/**
 * Filter semantics on rows in memory, equal to the SQL the data layer runs (see
 * column-values.ts for the casts). SQL three-valued logic applies: every comparison against a
 * null or missing column value, or against a null filter value, is false; `isNull` matches a
 * missing key or JSON null and `notNull` the inverse.
 */

import { castToColumnType, compareColumnValues } from './column-values';
import type { DataColumn, DataRow, ResolvedFilter } from './data';
import { jsonContains, jsonEquals } from './json-values';
import type { ColumnType, FilterOperator } from './types';

/** The operators each column type supports; any other pairing is a validation problem. */
export const OPERATORS_BY_COLUMN_TYPE: Record<ColumnType, readonly FilterOperator[]> = {
  text: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'in', 'isNull', 'notNull'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'isNull', 'notNull'],
  date: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'isNull', 'notNull'],
  boolean: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'isNull', 'notNull'],
  json: ['eq', 'neq', 'contains', 'isNull', 'notNull'],
};

/** Whether a column type can be sorted on; json columns cannot. */
export function isSortableColumnType(type: ColumnType): boolean {
  return type !== 'json';
}

export function isNullValue(value: unknown): boolean {
  return value === null || value === undefined;
}

/** Whether a row passes every filter. Filter values must already be cast to the column type. */
export function matchesFilters(
  row: DataRow,
  filters: ResolvedFilter[],
  columns: ReadonlyMap<string, DataColumn>,
): boolean {
  return filters.every((filter) => matchesFilter(row, filter, columns.get(filter.column)!.type));
}

function matchesFilter(row: DataRow, filter: ResolvedFilter, type: ColumnType): boolean {
  const rawValue = row[filter.column];

  if (filter.op === 'isNull') return isNullValue(rawValue);
  if (filter.op === 'notNull') return !isNullValue(rawValue);
  if (isNullValue(rawValue) || isNullValue(filter.value)) return false;

  const cast = castToColumnType(type, rawValue);
  if (!cast.ok) return false;

  return compareWithOperator(type, filter.op, cast.value, filter.value);
}

function compareWithOperator(
  type: ColumnType,
  op: FilterOperator,
  rowValue: unknown,
  filterValue: unknown,
): boolean {
  switch (op) {
    case 'eq':
      return valuesEqual(type, rowValue, filterValue);
    case 'neq':
      return !valuesEqual(type, rowValue, filterValue);
    case 'in':
      return (filterValue as unknown[]).some(
        (candidate) => !isNullValue(candidate) && valuesEqual(type, rowValue, candidate),
      );
    case 'contains':
      return type === 'json'
        ? jsonContains(rowValue, filterValue)
        : (rowValue as string).includes(filterValue as string);
    case 'gt':
      return compareColumnValues(type, rowValue, filterValue) > 0;
    case 'gte':
      return compareColumnValues(type, rowValue, filterValue) >= 0;
    case 'lt':
      return compareColumnValues(type, rowValue, filterValue) < 0;
    case 'lte':
      return compareColumnValues(type, rowValue, filterValue) <= 0;
    case 'isNull':
    case 'notNull':
      throw new TypeError(`${op} is decided before values are compared`);
  }
}

function valuesEqual(type: ColumnType, left: unknown, right: unknown): boolean {
  if (type === 'json') return jsonEquals(left, right);
  return compareColumnValues(type, left, right) === 0;
}
