/**
 * The per-run write overlay of preview and uncommitted snapshot runs. Writes are staged here
 * instead of reaching the database, and later queries of the same run read the database merged
 * with the staged rows, so the run behaves as if its writes had happened.
 */

import type { DataColumn, DataRow, DataTableInfo, RowQuery } from './data';
import { matchesFilters } from './row-filter';
import { isStagedRowId, sortRows, stagedRowId } from './row-order';

/** Staged state of one table: a row per touched id, null for a deleted stored row. */
type TableChanges = Map<string, DataRow | null>;

export type FetchRows = (query: RowQuery) => Promise<DataRow[]>;

export class WriteOverlay {
  private readonly tables = new Map<string, TableChanges>();
  private lastStagedSequence = 0;

  /** Stages an insert; the row gets the next `staged:<n>` id. Values must be cast already. */
  insert(table: DataTableInfo, values: Record<string, unknown>): DataRow {
    this.lastStagedSequence += 1;
    const row = shapeRow(table.columns, stagedRowId(this.lastStagedSequence), values);

    this.changesOf(table.id).set(row._id, row);
    return structuredClone(row);
  }

  /** Stages an update of `current`, the row as the run reads it now (see `findRow`). */
  update(table: DataTableInfo, current: DataRow, values: Record<string, unknown>): DataRow {
    const row = shapeRow(table.columns, current._id, { ...current, ...values });

    this.changesOf(table.id).set(row._id, row);
    return structuredClone(row);
  }

  /** Stages a delete. A staged insert is forgotten; a stored row is hidden from later reads. */
  delete(tableId: string, rowId: string): void {
    const changes = this.changesOf(tableId);

    if (isStagedRowId(rowId)) changes.delete(rowId);
    else changes.set(rowId, null);
  }

  /**
   * Returns the staged state of a row: the row, null when the run deleted it (or it is a staged id that
   * does not exist), or undefined when the run has not touched it and the database decides.
   */
  findRow(tableId: string, rowId: string): DataRow | null | undefined {
    const changes = this.tables.get(tableId);
    const staged = changes?.get(rowId);

    if (staged === undefined && isStagedRowId(rowId)) return null;
    return staged === undefined || staged === null ? staged : structuredClone(staged);
  }

  hasChanges(tableId: string): boolean {
    return (this.tables.get(tableId)?.size ?? 0) > 0;
  }

  /**
   * Runs a query over the database merged with the staged rows. Fetches `limit` plus the number
   * of touched stored rows from the database, so that after dropping the touched ones at least
   * `limit` untouched rows remain when the table has them. Then adds the staged rows that pass
   * the filters, sorts the union and cuts it to `limit`.
   */
  async query(table: DataTableInfo, query: RowQuery, fetchRows: FetchRows): Promise<DataRow[]> {
    const changes = this.tables.get(table.id);
    if (!changes || changes.size === 0) return fetchRows(query);

    const touchedStoredIds = [...changes.keys()].filter((rowId) => !isStagedRowId(rowId));
    const fetched = await fetchRows({ ...query, limit: query.limit + touchedStoredIds.length });

    const touched = new Set(touchedStoredIds);
    const columns = columnsByName(table.columns);
    const untouched = fetched.filter((row) => !touched.has(row._id));
    const staged = [...changes.values()].filter(
      (row): row is DataRow => row !== null && matchesFilters(row, query.filters, columns),
    );

    const merged = sortRows([...untouched, ...structuredClone(staged)], query.sort, columns);
    return merged.slice(0, query.limit);
  }

  private changesOf(tableId: string): TableChanges {
    let changes = this.tables.get(tableId);
    if (!changes) {
      changes = new Map();
      this.tables.set(tableId, changes);
    }
    return changes;
  }
}

/** A row in the shape the database returns: `_id`, then every column in order, null if unset. */
function shapeRow(columns: DataColumn[], rowId: string, values: Record<string, unknown>): DataRow {
  const row: DataRow = { _id: rowId };
  for (const column of columns) row[column.name] = values[column.name] ?? null;
  return row;
}

export function columnsByName(columns: DataColumn[]): Map<string, DataColumn> {
  return new Map(columns.map((column) => [column.name, column]));
}
