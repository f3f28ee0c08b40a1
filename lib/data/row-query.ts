import { sql, type SQL } from 'drizzle-orm';

import type { DataTableInfo, ResolvedSort, RowQuery } from '../../engine/data';
import { DataError } from './errors';
import { filterSql, findColumn } from './filter-sql';
import { columnExpression, indexExpression, quoteLiteral } from './sql-text';

/** Upper bound of a query's `limit`; the engine's own default and maximum are lower. */
export const MAX_QUERY_LIMIT = 100_000;

/**
 * Builds the SELECT of a query block: the table's rows of the tenant, filtered, sorted and
 * limited in SQL. Returns `id` as text and `data` as jsonb.
 *
 * The table id is a literal and every other value a bound parameter. So the text is the same for
 * every query of one shape on one table, and the generic plan of a prepared statement of it can
 * still prove the `WHERE table_id = '<id>'` predicate of the table's partial indexes.
 *
 * Sorting puts nulls last ascending and first descending (PostgreSQL's default). It always ends
 * with `id asc`, so equal values come back in insertion order, and without a sort the order is
 * `id asc`. The tie breaker names `data_rows.id` because a bare `id` in ORDER BY would mean the
 * text output column. JSON columns cannot be sorted. `offset` skips rows after sorting (paging).
 */
export function rowQuerySql(
  tenantId: string,
  table: DataTableInfo,
  query: RowQuery,
  offset = 0,
): SQL {
  validateLimit(table, query.limit);
  validateOffset(table, offset);

  const conditions = [
    sql.raw(`table_id = ${quoteLiteral(table.id)}`),
    sql`tenant_id = ${tenantId}`,
    ...query.filters.map((filter) => filterSql(table, filter)),
  ];
  const orderBy = [...query.sort.map((sort) => sortSql(table, sort)), sql.raw('data_rows.id ASC')];

  return sql`SELECT id::text AS id, data FROM data_rows WHERE ${sql.join(conditions, sql` AND `)} ORDER BY ${sql.join(orderBy, sql`, `)} LIMIT ${query.limit} OFFSET ${offset}`;
}

function sortSql(table: DataTableInfo, sort: ResolvedSort): SQL {
  const column = findColumn(table, sort.column, 'sort');

  if (column.type === 'json') {
    throw new DataError(
      'INVALID_SORT',
      `Table "${table.name}": cannot sort by json column "${column.name}"; sort by a text, number, boolean or date column`,
      table.name,
    );
  }
  if (sort.direction !== 'asc' && sort.direction !== 'desc') {
    throw new DataError(
      'INVALID_SORT',
      `Table "${table.name}": sort direction of column "${column.name}" must be "asc" or "desc", got "${String(sort.direction)}"`,
      table.name,
    );
  }

  const direction = sort.direction === 'asc' ? 'ASC NULLS LAST' : 'DESC NULLS FIRST';
  const whole = `${columnExpression(column.name, column.type)} ${direction}`;
  if (column.type !== 'text') return sql.raw(whole);

  // Ordering by the indexed prefix first gives the same order and lets the index serve it.
  return sql.raw(`${indexExpression(column.name, column.type)} ${direction}, ${whole}`);
}

function validateLimit(table: DataTableInfo, limit: number): void {
  const isValid = Number.isInteger(limit) && limit >= 0 && limit <= MAX_QUERY_LIMIT;
  if (isValid) return;

  throw new DataError(
    'INVALID_QUERY',
    `Table "${table.name}": limit must be an integer from 0 to ${MAX_QUERY_LIMIT}, got ${String(limit)}`,
    table.name,
  );
}

function validateOffset(table: DataTableInfo, offset: number): void {
  if (Number.isSafeInteger(offset) && offset >= 0) return;

  throw new DataError(
    'INVALID_QUERY',
    `Table "${table.name}": offset must be a non-negative integer, got ${String(offset)}`,
    table.name,
  );
}
