import type { DataColumn } from '@/engine/data';

export const ROWS_PER_PAGE = 50;

export interface TableViewParams {
  tableId: string | null;
  /** Page number, from 1. */
  page: number;
  sort: { column: string; direction: 'asc' | 'desc' } | null;
}

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads the `/tables` address: `?table=<id>&page=<n>&sort=<column>&dir=asc|desc`. A bad page
 * becomes 1; a sort column the table lacks, or a json column (which has no order), is dropped.
 */
export function parseTableViewParams(
  searchParams: SearchParams,
  columns: DataColumn[] | null,
): TableViewParams {
  const pageNumber = Number.parseInt(first(searchParams.page) ?? '1', 10);
  const sortColumn = first(searchParams.sort);
  const direction = first(searchParams.dir) === 'desc' ? 'desc' : 'asc';
  const column = columns?.find((candidate) => candidate.name === sortColumn);
  const isSortable = column !== undefined && column.type !== 'json';

  return {
    tableId: first(searchParams.table) ?? null,
    page: Number.isFinite(pageNumber) && pageNumber >= 1 ? pageNumber : 1,
    sort: isSortable ? { column: column.name, direction } : null,
  };
}

/** Builds a `/tables` address; page 1 and no sort are left out. */
export function tableViewHref(params: TableViewParams): string {
  const query = new URLSearchParams();
  if (params.tableId) query.set('table', params.tableId);
  if (params.page > 1) query.set('page', String(params.page));
  if (params.sort) {
    query.set('sort', params.sort.column);
    query.set('dir', params.sort.direction);
  }

  const text = query.toString();
  return text ? `/tables?${text}` : '/tables';
}

/** Returns the sort a column header switches to: ascending, then descending, then none. */
export function nextSort(
  current: TableViewParams['sort'],
  column: string,
): TableViewParams['sort'] {
  if (current?.column !== column) return { column, direction: 'asc' };
  if (current.direction === 'asc') return { column, direction: 'desc' };
  return null;
}

/** Formats a cell value as text; null and missing values become an empty string. */
export function formatCell(value: unknown, type: DataColumn['type']): string {
  if (value === null || value === undefined) return '';
  if (type === 'json' || typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
