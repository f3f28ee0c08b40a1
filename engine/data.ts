/**
 * The data-access interface the engine reads and writes data tables through. The app implements
 * it on drizzle-orm (lib/engine-data.ts); the engine never imports a database driver.
 */

import type { ColumnType, FilterOperator } from './types';

export interface DataColumn {
  name: string;
  type: ColumnType;
}

export interface DataTableInfo {
  id: string;
  name: string;
  columns: DataColumn[];
}

/**
 * A row as blocks see it: the column values plus `_id`, the row id. `_id` is reserved and cannot
 * be a column name. Values follow the column type: text is a string, number a number, boolean a
 * boolean, date an ISO 8601 string in UTC (`2024-05-01T00:00:00.000Z`), json any JSON value, and
 * a missing value is null.
 */
export type DataRow = { _id: string } & Record<string, unknown>;

/** A filter after its value expression was evaluated. */
export interface ResolvedFilter {
  column: string;
  op: FilterOperator;
  value?: unknown;
}

export interface ResolvedSort {
  column: string;
  direction: 'asc' | 'desc';
}

export interface RowQuery {
  tableId: string;
  filters: ResolvedFilter[];
  sort: ResolvedSort[];
  limit: number;
}

export interface DataAccess {
  /** Finds a data table of the tenant by name; null when the tenant has none of that name. */
  findTable(tenantId: string, name: string): Promise<DataTableInfo | null>;

  /**
   * Runs a filtered query in the database. Filters, sort and limit are applied in SQL with
   * bound parameters; `signal` cancels the statement.
   */
  queryRows(tenantId: string, query: RowQuery, signal?: AbortSignal): Promise<DataRow[]>;

  /** Reads one row by id; null when the table has no such row. */
  findRow(
    tenantId: string,
    tableId: string,
    rowId: string,
    signal?: AbortSignal,
  ): Promise<DataRow | null>;

  insertRow(
    tenantId: string,
    tableId: string,
    values: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<DataRow>;

  /** Merges `values` into the row; null when the row is not found. */
  updateRow(
    tenantId: string,
    tableId: string,
    rowId: string,
    values: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<DataRow | null>;

  /** Deletes the row; false when the row is not found. */
  deleteRow(
    tenantId: string,
    tableId: string,
    rowId: string,
    signal?: AbortSignal,
  ): Promise<boolean>;
}
