/**
 * The engine's data access on drizzle-orm: query blocks push filters, sort and limit into SQL
 * with bound parameters, and writes are validated against the column types first. The
 * semantics (three-valued logic, casts, null ordering) are described in lib/data/filter-sql.ts
 * and lib/data/row-query.ts; the engine's in-memory preview overlay mirrors them. Every
 * statement on `data_rows` runs prepared (lib/db/prepared.ts), so repeated ones reuse a plan.
 */

import { sql } from 'drizzle-orm';

import type { DataAccess, DataRow, DataTableInfo, RowQuery } from '../engine/data';
import { DataError } from './data/errors';
import { rowQuerySql } from './data/row-query';
import { isRowId, toDataRow, toTableInfo, type StoredRow } from './data/rows';
import { normaliseWriteValues } from './data/write-values';
import type { Database } from './db/client';
import { executePreparedRows } from './db/prepared';
import { findDataTableByName, getDataTable } from './repositories/data-tables';

/**
 * Creates the engine's `DataAccess` on a database; create one per run. Table definitions are
 * cached per instance, which is safe because a table's columns never change after it is
 * created.
 */
export function createDataAccess(db: Database): DataAccess {
  const tables = new Map<string, DataTableInfo>();

  async function requireTable(tenantId: string, tableId: string): Promise<DataTableInfo> {
    const cached = tables.get(cacheKey(tenantId, tableId));
    if (cached) return cached;

    const record = await getDataTable(db, tenantId, tableId);
    if (!record) {
      throw new DataError('TABLE_NOT_FOUND', `Data table "${tableId}" was not found`);
    }

    const info = toTableInfo(record);
    tables.set(cacheKey(tenantId, tableId), info);
    return info;
  }

  return {
    async findTable(tenantId, name) {
      const record = await findDataTableByName(db, tenantId, name);
      if (!record) return null;

      const info = toTableInfo(record);
      tables.set(cacheKey(tenantId, info.id), info);
      return info;
    },

    async queryRows(tenantId, query: RowQuery, signal) {
      const table = await requireTable(tenantId, query.tableId);
      const rows = await executePreparedRows<StoredRow>(
        db,
        rowQuerySql(tenantId, table, query),
        signal,
      );
      return rows.map((row) => toDataRow(table.columns, row));
    },

    async findRow(tenantId, tableId, rowId, signal) {
      const table = await requireTable(tenantId, tableId);
      if (!isRowId(rowId)) return null;

      const rows = await executePreparedRows<StoredRow>(
        db,
        sql`SELECT id::text AS id, data FROM data_rows WHERE id = ${rowId} AND table_id = ${tableId} AND tenant_id = ${tenantId}`,
        signal,
      );
      return firstRow(table, rows);
    },

    async insertRow(tenantId, tableId, values, signal) {
      const table = await requireTable(tenantId, tableId);
      const data = normaliseWriteValues(table, values);

      const rows = await executePreparedRows<StoredRow>(
        db,
        sql`INSERT INTO data_rows (tenant_id, table_id, data) VALUES (${tenantId}, ${tableId}, ${JSON.stringify(data)}::jsonb) RETURNING id::text AS id, data`,
        signal,
      );
      return firstRow(table, rows)!;
    },

    async updateRow(tenantId, tableId, rowId, values, signal) {
      const table = await requireTable(tenantId, tableId);
      const data = normaliseWriteValues(table, values);
      if (!isRowId(rowId)) return null;

      const rows = await executePreparedRows<StoredRow>(
        db,
        sql`UPDATE data_rows SET data = data || ${JSON.stringify(data)}::jsonb, updated_at = now() WHERE id = ${rowId} AND table_id = ${tableId} AND tenant_id = ${tenantId} RETURNING id::text AS id, data`,
        signal,
      );
      return firstRow(table, rows);
    },

    async deleteRow(tenantId, tableId, rowId, signal) {
      await requireTable(tenantId, tableId);
      if (!isRowId(rowId)) return false;

      const rows = await executePreparedRows<{ id: string }>(
        db,
        sql`DELETE FROM data_rows WHERE id = ${rowId} AND table_id = ${tableId} AND tenant_id = ${tenantId} RETURNING id::text AS id`,
        signal,
      );
      return rows.length > 0;
    },
  };
}

function cacheKey(tenantId: string, tableId: string): string {
  return `${tenantId}/${tableId}`;
}

function firstRow(table: DataTableInfo, rows: StoredRow[]): DataRow | null {
  const [row] = rows;
  return row ? toDataRow(table.columns, row) : null;
}
