import type { DataColumn, DataRow } from '@/engine/data';

import styles from './tables.module.css';
import {
  formatCell,
  nextSort,
  ROWS_PER_PAGE,
  tableViewHref,
  type TableViewParams,
} from './table-view-params';

interface RowsGridProps {
  columns: DataColumn[];
  rows: DataRow[];
  total: number;
  params: TableViewParams;
}

function sortIndicator(params: TableViewParams, column: string): string {
  if (params.sort?.column !== column) return '';
  return params.sort.direction === 'asc' ? ' ▲' : ' ▼';
}

function ariaSort(params: TableViewParams, column: string) {
  if (params.sort?.column !== column) return undefined;
  return params.sort.direction === 'asc' ? 'ascending' : 'descending';
}

function ColumnHeader({ column, params }: { column: DataColumn; params: TableViewParams }) {
  const label = (
    <>
      {column.name}
      <span className={styles.columnType}>{column.type}</span>
      {sortIndicator(params, column.name)}
    </>
  );

  return (
    <th
      scope="col"
      aria-sort={ariaSort(params, column.name)}
      className={column.type === 'number' ? styles.numeric : undefined}
    >
      {column.type === 'json' ? (
        label
      ) : (
        <a
          href={tableViewHref({ ...params, page: 1, sort: nextSort(params.sort, column.name) })}
          data-testid={`sort-${column.name}`}
        >
          {label}
        </a>
      )}
    </th>
  );
}

function Pagination({ total, params }: { total: number; params: TableViewParams }) {
  const pageCount = Math.max(1, Math.ceil(total / ROWS_PER_PAGE));
  const first = total === 0 ? 0 : (params.page - 1) * ROWS_PER_PAGE + 1;
  const last = Math.min(total, params.page * ROWS_PER_PAGE);

  return (
    <div className={styles.pagination} data-testid="rows-pagination">
      <span>
        Rows {first.toLocaleString('en-US')}–{last.toLocaleString('en-US')} of{' '}
        {total.toLocaleString('en-US')}
      </span>
      {params.page > 1 ? (
        <a
          href={tableViewHref({ ...params, page: params.page - 1 })}
          rel="prev"
          aria-label="Previous page"
        >
          ← Previous
        </a>
      ) : (
        <span className={styles.disabledLink}>← Previous</span>
      )}
      <span>
        Page {params.page} of {pageCount}
      </span>
      {params.page < pageCount ? (
        <a
          href={tableViewHref({ ...params, page: params.page + 1 })}
          rel="next"
          aria-label="Next page"
        >
          Next →
        </a>
      ) : (
        <span className={styles.disabledLink}>Next →</span>
      )}
    </div>
  );
}

/** Shows one page of a table's rows, sorted on the server; column headers switch the sort. */
export function RowsGrid({ columns, rows, total, params }: RowsGridProps) {
  return (
    <div className={styles.grid}>
      <div className={styles.gridScroller}>
        <table className={styles.rows} data-testid="rows-table">
          <thead>
            <tr>
              <th scope="col" className={styles.idColumn}>
                _id
              </th>
              {columns.map((column) => (
                <ColumnHeader key={column.name} column={column} params={params} />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row._id} data-testid="data-row">
                <td className={styles.idColumn}>{row._id}</td>
                {columns.map((column) => {
                  const value = row[column.name];
                  const isNull = value === null || value === undefined;
                  return (
                    <td
                      key={column.name}
                      className={`${column.type === 'number' ? styles.numeric : ''} ${isNull ? styles.null : ''}`}
                      title={isNull ? 'null' : undefined}
                    >
                      {isNull ? 'null' : formatCell(value, column.type)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && (
          <p className={styles.emptyRows}>This table has no rows on this page.</p>
        )}
      </div>
      <Pagination total={total} params={params} />
    </div>
  );
}
