/**
 * Per-column expression indexes of data tables. Every row of every data table lives in
 * `data_rows`, so each index is partial (`WHERE table_id = '<id>'`) and covers one column of one
 * table, on exactly the cast expression that filters and sorts use, or for text its indexed
 * prefix (lib/data/sql-text.ts).
 * Row queries name the table id as a literal (lib/data/row-query.ts), so the planner can prove
 * the partial predicate in custom plans and in the generic plans of prepared statements alike.
 */

import { sql } from 'drizzle-orm';

import type { DataColumn } from '../../engine/data';
import { columnExpression, indexExpression, quoteIdentifier, quoteLiteral } from '../data/sql-text';
import type { Database } from './client';
import { executeRows } from './execute';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns the index name prefix of a data table: `data_rows_t<uuid hex>_`, well under 63 bytes. */
export function rowIndexPrefix(tableId: string): string {
  if (!UUID.test(tableId)) {
    throw new Error(`Data table id "${tableId}" is not a UUID`);
  }

  return `data_rows_t${tableId.replaceAll('-', '').toLowerCase()}_`;
}

/** Returns the CREATE INDEX statement of one column; `position` is the column's 0-based index. */
export function rowIndexDefinition(tableId: string, column: DataColumn, position: number): string {
  const name = quoteIdentifier(`${rowIndexPrefix(tableId)}c${position}`);
  const predicate = `WHERE table_id = ${quoteLiteral(tableId)}`;

  if (column.type === 'json') {
    // jsonb_path_ops serves `@>`, the json `contains` filter.
    const expression = `(${columnExpression(column.name, 'json')}) jsonb_path_ops`;
    return `CREATE INDEX ${name} ON data_rows USING gin (${expression}) ${predicate}`;
  }

  return `CREATE INDEX ${name} ON data_rows (${indexExpression(column.name, column.type)}) ${predicate}`;
}

/** Creates the expression index of every column of a data table. */
export async function createRowIndexes(
  db: Database,
  tableId: string,
  columns: readonly DataColumn[],
): Promise<void> {
  for (const [position, column] of columns.entries()) {
    await db.execute(sql.raw(rowIndexDefinition(tableId, column, position)));
  }
}

/** Drops the expression indexes of a data table; run it when the table is deleted. */
export async function dropRowIndexes(db: Database, tableId: string): Promise<void> {
  const prefix = rowIndexPrefix(tableId);
  const indexes = await executeRows<{ indexname: string }>(
    db,
    sql`SELECT indexname FROM pg_indexes WHERE tablename = 'data_rows' AND starts_with(indexname, ${prefix})`,
  );

  for (const { indexname } of indexes) {
    await db.execute(sql.raw(`DROP INDEX IF EXISTS ${quoteIdentifier(indexname)}`));
  }
}
