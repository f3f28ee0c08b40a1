/**
 * Resolving a query block's filters and sort against its table: column lookup, operator
 * support, and the cast of each evaluated filter value to the column type.
 */

import type { BlockContext } from '../block-context';
import { describeType } from '../block-labels';
import { castToColumnType } from '../column-values';
import type { DataColumn, ResolvedFilter, ResolvedSort } from '../data';
import { isNullValue, isSortableColumnType, OPERATORS_BY_COLUMN_TYPE } from '../row-filter';
import type { CatalogTable } from '../table-catalog';
import type { QueryFilterConfig } from '../types';

/** Evaluates and casts every filter value; throws a BlockError naming the column and value. */
export async function resolveFilters(
  context: BlockContext<'query'>,
  table: CatalogTable,
): Promise<ResolvedFilter[]> {
  const resolved: ResolvedFilter[] = [];

  for (const [index, filter] of (context.config.filters ?? []).entries()) {
    const column = requireColumn(context, table, filter.column);
    requireOperator(context, column, filter);

    if (filter.op === 'isNull' || filter.op === 'notNull') {
      resolved.push({ column: column.name, op: filter.op });
      continue;
    }

    const value = await context.evaluate(`filters[${index}].value`, filter.value ?? '');
    resolved.push({
      column: column.name,
      op: filter.op,
      value: castFilterValue(context, column, filter, value),
    });
  }

  return resolved;
}

/** Checks the sort columns; json columns cannot be sorted. */
export function resolveSort(context: BlockContext<'query'>, table: CatalogTable): ResolvedSort[] {
  return (context.config.sort ?? []).map((key) => {
    const column = requireColumn(context, table, key.column);
    if (!isSortableColumnType(column.type)) {
      throw context.fail(
        `cannot sort by json column "${column.name}"; sort by a text, number, boolean or date column`,
      );
    }
    return { column: column.name, direction: key.direction };
  });
}

export function requireColumn(
  context: BlockContext,
  table: CatalogTable,
  name: string,
): DataColumn {
  const column = table.columns.get(name);
  if (!column) throw context.fail(`unknown column "${name}" in table "${table.info.name}"`);
  return column;
}

function requireOperator(
  context: BlockContext,
  column: DataColumn,
  filter: QueryFilterConfig,
): void {
  const supported = OPERATORS_BY_COLUMN_TYPE[column.type];
  if (supported.includes(filter.op)) return;

  throw context.fail(
    `filter on "${column.name}": operator "${filter.op}" does not apply to ${column.type} columns; use one of ${supported.join(', ')}`,
  );
}

/**
 * Casts a filter value to its column type. Null stays null (it matches nothing); `in` takes an
 * array whose null elements are dropped and whose other elements are each cast.
 */
function castFilterValue(
  context: BlockContext,
  column: DataColumn,
  filter: QueryFilterConfig,
  value: unknown,
): unknown {
  if (isNullValue(value)) return null;

  if (filter.op !== 'in') return castOrFail(context, column, value);
  if (!Array.isArray(value)) {
    throw context.fail(
      `filter on "${column.name}": "in" needs an array of values, got ${describeType(value)}`,
    );
  }
  return value
    .filter((item) => !isNullValue(item))
    .map((item) => castOrFail(context, column, item));
}

function castOrFail(context: BlockContext, column: DataColumn, value: unknown): unknown {
  const cast = castToColumnType(column.type, value);
  if (!cast.ok) throw context.fail(`filter on "${column.name}": ${cast.problem}`);
  return cast.value;
}
