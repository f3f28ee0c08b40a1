import type { DataTableSummary } from '@/lib/repositories/data-tables';

import styles from './tables.module.css';
import { tableViewHref } from './table-view-params';

function countLabel(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** Lists the tenant's data tables, each a link that opens its rows. */
export function TableList({
  tables,
  selectedId,
}: {
  tables: DataTableSummary[];
  selectedId: string | null;
}) {
  return (
    <nav className={styles.list} aria-label="Data tables" data-testid="table-list">
      <ul>
        {tables.map((table) => (
          <li key={table.id}>
            <a
              href={tableViewHref({ tableId: table.id, page: 1, sort: null })}
              className={table.id === selectedId ? styles.listItemActive : styles.listItem}
              aria-current={table.id === selectedId ? 'page' : undefined}
              data-testid={`table-${table.name}`}
            >
              <span className={styles.tableName}>{table.name}</span>
              <span className={styles.tableMeta}>
                {countLabel(table.rowCount, 'row')} · {countLabel(table.columns.length, 'column')}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
