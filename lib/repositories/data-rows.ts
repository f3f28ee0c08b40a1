import type { DataRow, ResolvedSort } from '../../engine/data';
import type { DataTableRecord } from '../../drizzle/schema';
import { rowQuerySql } from '../data/row-query';
import { toDataRow, toTableInfo, type StoredRow } from '../data/rows';
import type { Database } from '../db/client';
import { executeRows } from '../db/execute';
import { countDataRows, getDataTable } from './data-tables';

export interface RowPageRequest {
  /** Rows to skip; default 0. */
  offset?: number;
  /** Rows per page; default 50. */
  limit?: number;
  sort?: ResolvedSort;
}

export interface RowPage {
  table: DataTableRecord;
  rows: DataRow[];
  /** Rows of the whole table. */
  total: number;
}

/**
 * Reads one page of a table's rows, sorted by a column (nulls last ascending) or by row id.
 * Returns null when the tenant has no such table. Throws a `DataError` for an unknown or json
 * sort column.
 */
export async function listDataRows(
  db: Database,
  tenantId: string,
  tableId: string,
  request: RowPageRequest = {},
): Promise<RowPage | null> {
  const table = await getDataTable(db, tenantId, tableId);
  if (!table) return null;

  const info = toTableInfo(table);
  const query = {
    tableId,
    filters: [],
    sort: request.sort ? [request.sort] : [],
    limit: request.limit ?? 50,
  };
  const stored = await executeRows<StoredRow>(
    db,
    rowQuerySql(tenantId, info, query, request.offset ?? 0),
  );
  const total = (await countDataRows(db, tenantId, tableId)) ?? 0;

  return { table, rows: stored.map((row) => toDataRow(table.columns, row)), total };
}
