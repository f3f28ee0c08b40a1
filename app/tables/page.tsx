import type { Metadata } from 'next';

import { DeleteTableButton } from '@/components/tables/DeleteTableButton';
import { ImportCsv } from '@/components/tables/ImportCsv';
import { RowsGrid } from '@/components/tables/RowsGrid';
import { TableList } from '@/components/tables/TableList';
import {
  parseTableViewParams,
  ROWS_PER_PAGE,
  tableViewHref,
} from '@/components/tables/table-view-params';
import styles from '@/components/tables/tables.module.css';
import { getDatabase } from '@/lib/db/client';
import { listDataRows } from '@/lib/repositories/data-rows';
import { listDataTables, type DataTableSummary } from '@/lib/repositories/data-tables';
import { requireSessionTenant } from '@/lib/session';

export const metadata: Metadata = { title: 'Data tables · Flowscope' };

type SearchParams = Record<string, string | string[] | undefined>;

function requestedTableId(searchParams: SearchParams): string | undefined {
  const value = searchParams.table;
  return Array.isArray(value) ? value[0] : value;
}

function TableMissing({ tableId }: { tableId: string }) {
  return (
    <div className={styles.empty} role="alert">
      <h2>Table not found</h2>
      <p>
        No data table <code>{tableId}</code> exists for this tenant.{' '}
        <a href="/tables">Show all tables</a>.
      </p>
    </div>
  );
}

async function SelectedTable({
  tenantId,
  table,
  searchParams,
}: {
  tenantId: string;
  table: DataTableSummary;
  searchParams: SearchParams;
}) {
  const { db } = await getDatabase();
  const params = parseTableViewParams({ ...searchParams, table: table.id }, table.columns);
  const page = await listDataRows(db, tenantId, table.id, {
    offset: (params.page - 1) * ROWS_PER_PAGE,
    limit: ROWS_PER_PAGE,
    ...(params.sort ? { sort: params.sort } : {}),
  });

  return (
    <section
      className={styles.detail}
      aria-label={`Table ${table.name}`}
      data-testid="table-detail"
    >
      <header className={styles.detailHeader}>
        <h2>{table.name}</h2>
        <span className={styles.tableMeta}>
          {table.columns.map((column) => `${column.name}: ${column.type}`).join(' · ')}
        </span>
        <a
          className={styles.resetSort}
          href={tableViewHref({ tableId: table.id, page: 1, sort: null })}
        >
          {params.sort ? 'Clear sort' : ''}
        </a>
        <DeleteTableButton tableId={table.id} name={table.name} rowCount={table.rowCount} />
      </header>
      <RowsGrid
        columns={table.columns}
        rows={page?.rows ?? []}
        total={page?.total ?? 0}
        params={params}
      />
    </section>
  );
}

/** Shows the tenant's data tables with rows paged and sorted on the server, and CSV import. */
export default async function TablesPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const tenant = await requireSessionTenant('/tables');
  const resolved = await searchParams;
  const { db } = await getDatabase();
  const tables = await listDataTables(db, tenant.id);
  const requested = requestedTableId(resolved);
  const selected = requested ? tables.find((table) => table.id === requested) : tables[0];

  return (
    <main className={`page ${styles.page}`}>
      <div className={styles.pageHeader}>
        <h1>Data tables</h1>
        <ImportCsv existingNames={tables.map((table) => table.name)} />
      </div>
      {tables.length === 0 ? (
        <div className={styles.empty} data-testid="tables-empty">
          <h2>No data tables yet</h2>
          <p>
            Import a CSV file to create one. Column types (number, boolean, date, text) are inferred
            from the values; query and write blocks then read and change its rows.
          </p>
        </div>
      ) : (
        <div className={styles.layout}>
          <TableList tables={tables} selectedId={selected?.id ?? null} />
          {selected ? (
            <SelectedTable tenantId={tenant.id} table={selected} searchParams={resolved} />
          ) : (
            <TableMissing tableId={requested ?? ''} />
          )}
        </div>
      )}
    </main>
  );
}
