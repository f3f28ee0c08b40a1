import { and, asc, count, eq, sql } from 'drizzle-orm';

import type { DataColumn } from '../../engine/data';
import { dataRowsTable, dataTablesTable, type DataTableRecord } from '../../drizzle/schema';
import { validateColumns } from '../data/columns';
import { toTableInfo } from '../data/rows';
import { normaliseWriteValues } from '../data/write-values';
import type { Database } from '../db/client';
import { createRowIndexes, dropRowIndexes } from '../db/row-indexes';
import { ConflictError, InvalidInputError, isUniqueViolation } from './errors';
import { checkName, isUuid } from './ids';

export const MAX_TABLE_NAME_LENGTH = 100;

export interface NewDataTable {
  name: string;
  columns: DataColumn[];
}

export interface DataTableSummary extends DataTableRecord {
  rowCount: number;
}

/** Lists the tenant's data tables by name, with their row counts. */
export async function listDataTables(db: Database, tenantId: string): Promise<DataTableSummary[]> {
  if (!isUuid(tenantId)) return [];

  const rowCount = sql<number>`(SELECT count(*)::int FROM data_rows WHERE data_rows.table_id = data_tables.id)`;
  return db
    .select({
      id: dataTablesTable.id,
      tenantId: dataTablesTable.tenantId,
      name: dataTablesTable.name,
      columns: dataTablesTable.columns,
      createdAt: dataTablesTable.createdAt,
      rowCount,
    })
    .from(dataTablesTable)
    .where(eq(dataTablesTable.tenantId, tenantId))
    .orderBy(asc(dataTablesTable.name));
}

export async function getDataTable(
  db: Database,
  tenantId: string,
  tableId: string,
): Promise<DataTableRecord | null> {
  if (!isUuid(tenantId) || !isUuid(tableId)) return null;

  const [table] = await db
    .select()
    .from(dataTablesTable)
    .where(and(eq(dataTablesTable.id, tableId), eq(dataTablesTable.tenantId, tenantId)));
  return table ?? null;
}

export async function findDataTableByName(
  db: Database,
  tenantId: string,
  name: string,
): Promise<DataTableRecord | null> {
  if (!isUuid(tenantId) || typeof name !== 'string') return null;

  const [table] = await db
    .select()
    .from(dataTablesTable)
    .where(and(eq(dataTablesTable.tenantId, tenantId), eq(dataTablesTable.name, name)));
  return table ?? null;
}

/**
 * Creates a data table with typed columns and the expression index of every column, in one
 * transaction. Throws `ConflictError` (`TABLE_NAME_TAKEN`) when the tenant has a table of that
 * name, `InvalidInputError` for a bad name and `DataError` (`INVALID_COLUMNS`) for bad columns.
 */
export async function createDataTable(
  db: Database,
  tenantId: string,
  table: NewDataTable,
): Promise<DataTableRecord> {
  const name = validateTableName(table.name);
  validateColumns(name, table.columns);
  const columns = table.columns.map(({ name: columnName, type }) => ({ name: columnName, type }));

  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(dataTablesTable)
        .values({ tenantId, name, columns })
        .returning();
      await createRowIndexes(tx, created!.id, columns);
      return created!;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new ConflictError(
      'TABLE_NAME_TAKEN',
      `A data table named "${name}" already exists; choose another name or append to it`,
      name,
    );
  }
}

/** Deletes a data table, its rows and its indexes; false when the tenant has no such table. */
export async function deleteDataTable(
  db: Database,
  tenantId: string,
  tableId: string,
): Promise<boolean> {
  if (!isUuid(tenantId) || !isUuid(tableId)) return false;

  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(dataTablesTable)
      .where(and(eq(dataTablesTable.id, tableId), eq(dataTablesTable.tenantId, tenantId)))
      .returning({ id: dataTablesTable.id });
    if (deleted.length === 0) return false;

    await dropRowIndexes(tx, tableId);
    return true;
  });
}

/**
 * Inserts rows in one statement after validating every value against the column types (see
 * `normaliseWriteValues`). Returns the number inserted, or null when the tenant has no such table.
 */
export async function insertDataRows(
  db: Database,
  tenantId: string,
  tableId: string,
  rows: Record<string, unknown>[],
): Promise<number | null> {
  const table = await getDataTable(db, tenantId, tableId);
  if (!table) return null;
  if (rows.length === 0) return 0;

  const info = toTableInfo(table);
  const values = rows.map((row) => ({ tenantId, tableId, data: normaliseWriteValues(info, row) }));
  await db.insert(dataRowsTable).values(values);
  return rows.length;
}

/** Counts a table's rows; null when the tenant has no such table. */
export async function countDataRows(
  db: Database,
  tenantId: string,
  tableId: string,
): Promise<number | null> {
  const table = await getDataTable(db, tenantId, tableId);
  if (!table) return null;

  const [row] = await db
    .select({ total: count() })
    .from(dataRowsTable)
    .where(and(eq(dataRowsTable.tableId, tableId), eq(dataRowsTable.tenantId, tenantId)));
  return row?.total ?? 0;
}

function validateTableName(value: string): string {
  const checked = checkName(value, MAX_TABLE_NAME_LENGTH);
  if ('problem' in checked) {
    throw new InvalidInputError(
      `Data table name ${JSON.stringify(value)} ${checked.problem}`,
      'name',
    );
  }

  return checked.name;
}
