import type { DataColumn, DataRow, DataTableInfo } from '../../engine/data';
import type { DataTableRecord } from '../../drizzle/schema';

/** A stored row as `data_rows` queries return it: the id as text, `data` parsed. */
export interface StoredRow {
  id: string;
  data: Record<string, unknown>;
}

/**
 * Converts a stored row to the row blocks see: `_id`, then every column in table order, null where the stored
 * object has no value. Keys that are not columns are left out.
 */
export function toDataRow(columns: readonly DataColumn[], row: StoredRow): DataRow {
  const dataRow: DataRow = { _id: row.id };

  for (const column of columns) {
    dataRow[column.name] = row.data[column.name] ?? null;
  }

  return dataRow;
}

export function toTableInfo(record: DataTableRecord): DataTableInfo {
  return { id: record.id, name: record.name, columns: record.columns };
}

/** Row ids are `bigint` identities; anything else cannot name a row. */
export function isRowId(value: unknown): value is string {
  return typeof value === 'string' && /^[1-9][0-9]{0,18}$/.test(value);
}
