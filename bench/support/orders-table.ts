/**
 * A data table of orders for the data figures. Every customer has 20 orders, and `amount` is a
 * permutation of 0..rowCount−1, so an equality filter on `customerId` returns 20 rows and a
 * range of width 40 on `amount` returns 40, whatever the table size.
 */

import { sql } from 'drizzle-orm';

import type { DataColumn } from '../../engine/data';
import type { BenchDatabase } from './databases';
import { isMissing, loadModule, type Loaded } from './engine-modules';

type DataTablesModule = typeof import('../../lib/repositories/data-tables');

export const ORDERS_PER_CUSTOMER = 20;

const COLUMNS: DataColumn[] = [
  { name: 'customerId', type: 'text' },
  { name: 'amount', type: 'number' },
  { name: 'region', type: 'text' },
  { name: 'orderedAt', type: 'date' },
];

const INSERT_BATCH_SIZE = 2000;

/** A prime, so that `index * AMOUNT_STEP mod rowCount` visits every value once. */
const AMOUNT_STEP = 7919;

export function customerId(index: number): string {
  return `C${String(index).padStart(6, '0')}`;
}

function orderRow(index: number, rowCount: number): Record<string, unknown> {
  const customerCount = rowCount / ORDERS_PER_CUSTOMER;
  const day = 1 + (index % 28);

  return {
    customerId: customerId(index % customerCount),
    amount: (index * AMOUNT_STEP) % rowCount,
    region: ['north', 'south', 'east', 'west'][index % 4],
    orderedAt: `2024-02-${String(day).padStart(2, '0')}T00:00:00.000Z`,
  };
}

/** Tables already seeded, per database handle and row count, so figures can share them. */
const seededTables = new WeakMap<object, Map<number, string>>();

/**
 * Creates a table `orders_<rowCount>` with `rowCount` rows and analyses it, or finds the one
 * an earlier figure created in the same database. Returns its id.
 */
export async function seedOrdersTable(
  database: BenchDatabase,
  rowCount: number,
): Promise<Loaded<{ tableId: string }>> {
  const known = seededTables.get(database.handle)?.get(rowCount);
  if (known) return { tableId: known };

  const seeded = await createOrdersTable(database, rowCount);
  if (isMissing(seeded)) return seeded;

  const tables = seededTables.get(database.handle) ?? new Map<number, string>();
  seededTables.set(database.handle, tables.set(rowCount, seeded.tableId));
  return seeded;
}

async function createOrdersTable(
  database: BenchDatabase,
  rowCount: number,
): Promise<Loaded<{ tableId: string }>> {
  const tables = await loadModule<DataTablesModule>(
    'lib/repositories/data-tables.ts',
    'createDataTable',
  );
  if (isMissing(tables)) return tables;
  if (rowCount % ORDERS_PER_CUSTOMER !== 0 || rowCount % AMOUNT_STEP === 0) {
    throw new Error(
      `Row count ${rowCount} must be a multiple of ${ORDERS_PER_CUSTOMER} and not of ${AMOUNT_STEP}`,
    );
  }

  const { db } = database.handle;
  const table = await tables.createDataTable(db, database.tenantId, {
    name: `orders_${rowCount}`,
    columns: COLUMNS,
  });

  for (let start = 0; start < rowCount; start += INSERT_BATCH_SIZE) {
    const end = Math.min(rowCount, start + INSERT_BATCH_SIZE);
    const rows = Array.from({ length: end - start }, (_, offset) =>
      orderRow(start + offset, rowCount),
    );
    await tables.insertDataRows(db, database.tenantId, table.id, rows);
  }
  await db.execute(sql.raw('ANALYZE data_rows'));

  return { tableId: table.id };
}
