/**
 * Row order, equal to the SQL the data layer runs: each sort key ascending with nulls last or
 * descending with nulls first (PostgreSQL's defaults), ties broken by row id ascending. Rows are
 * ordered by id alone when no sort is given. Staged rows (`staged:<n>`) come after every stored
 * row, in insertion order.
 */

import { castToColumnType, compareColumnValues } from './column-values';
import type { DataColumn, DataRow, ResolvedSort } from './data';
import { isNullValue } from './row-filter';

export const STAGED_ID_PREFIX = 'staged:';

export function stagedRowId(sequence: number): string {
  return `${STAGED_ID_PREFIX}${sequence}`;
}

export function isStagedRowId(rowId: string): boolean {
  return rowId.startsWith(STAGED_ID_PREFIX);
}

/** Compares row ids: stored ids numerically, staged ids after them by sequence. */
export function compareRowIds(left: string, right: string): number {
  const leftStaged = isStagedRowId(left);
  const rightStaged = isStagedRowId(right);

  if (leftStaged !== rightStaged) return leftStaged ? 1 : -1;
  if (leftStaged) {
    return compareDecimalStrings(
      left.slice(STAGED_ID_PREFIX.length),
      right.slice(STAGED_ID_PREFIX.length),
    );
  }
  return compareDecimalStrings(left, right);
}

/** Orders non-negative integers written in decimal without losing precision past 2^53. */
function compareDecimalStrings(left: string, right: string): number {
  if (left.length !== right.length) return left.length - right.length;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Sorts rows in place by the sort keys, then by id. Sort columns must exist and be sortable. */
export function sortRows(
  rows: DataRow[],
  sort: ResolvedSort[],
  columns: ReadonlyMap<string, DataColumn>,
): DataRow[] {
  return rows.sort((left, right) => {
    for (const key of sort) {
      const order = compareSortValues(
        columns.get(key.column)!,
        left[key.column],
        right[key.column],
      );
      if (order !== 0) return key.direction === 'desc' ? -order : order;
    }
    return compareRowIds(left._id, right._id);
  });
}

/** Ascending order of two column values with nulls last; `desc` reverses it, nulls first. */
function compareSortValues(column: DataColumn, left: unknown, right: unknown): number {
  const leftValue = castOrNull(column, left);
  const rightValue = castOrNull(column, right);
  const leftNull = isNullValue(leftValue);
  const rightNull = isNullValue(rightValue);

  if (leftNull || rightNull) return Number(leftNull) - Number(rightNull);
  return compareColumnValues(column.type, leftValue, rightValue);
}

function castOrNull(column: DataColumn, value: unknown): unknown {
  if (isNullValue(value)) return null;

  const cast = castToColumnType(column.type, value);
  return cast.ok ? cast.value : null;
}
