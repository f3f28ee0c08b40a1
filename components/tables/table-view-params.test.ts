import { describe, expect, it } from 'vitest';

import type { DataColumn } from '@/engine/data';

import { formatCell, nextSort, parseTableViewParams, tableViewHref } from './table-view-params';

const columns: DataColumn[] = [
  { name: 'freight', type: 'number' },
  { name: 'meta', type: 'json' },
  { name: 'ship name', type: 'text' },
];

describe('parseTableViewParams', () => {
  it('reads table, page and sort', () => {
    const params = parseTableViewParams(
      { table: 't1', page: '3', sort: 'freight', dir: 'desc' },
      columns,
    );

    expect(params).toEqual({
      tableId: 't1',
      page: 3,
      sort: { column: 'freight', direction: 'desc' },
    });
  });

  it.each([['0'], ['-2'], ['abc'], [undefined]])('turns page %j into 1', (page) => {
    expect(parseTableViewParams({ page }, columns).page).toBe(1);
  });

  it('drops a sort column the table does not have', () => {
    expect(parseTableViewParams({ sort: 'freigth' }, columns).sort).toBeNull();
  });

  it('drops a sort on a json column', () => {
    expect(parseTableViewParams({ sort: 'meta' }, columns).sort).toBeNull();
  });

  it('defaults the direction to ascending', () => {
    expect(parseTableViewParams({ sort: 'freight', dir: 'sideways' }, columns).sort).toEqual({
      column: 'freight',
      direction: 'asc',
    });
  });
});

describe('tableViewHref', () => {
  it('round-trips through parseTableViewParams', () => {
    const params = {
      tableId: 't1',
      page: 2,
      sort: { column: 'ship name', direction: 'desc' as const },
    };
    const query = Object.fromEntries(
      new URL(tableViewHref(params), 'http://localhost').searchParams,
    );

    expect(parseTableViewParams(query, columns)).toEqual(params);
  });

  it('leaves out the defaults', () => {
    expect(tableViewHref({ tableId: null, page: 1, sort: null })).toBe('/tables');
  });
});

describe('nextSort', () => {
  it('cycles ascending, descending, none', () => {
    const ascending = nextSort(null, 'freight');
    const descending = nextSort(ascending, 'freight');

    expect(ascending).toEqual({ column: 'freight', direction: 'asc' });
    expect(descending).toEqual({ column: 'freight', direction: 'desc' });
    expect(nextSort(descending, 'freight')).toBeNull();
  });

  it('starts ascending on another column', () => {
    expect(nextSort({ column: 'freight', direction: 'desc' }, 'ship name')).toEqual({
      column: 'ship name',
      direction: 'asc',
    });
  });
});

describe('formatCell', () => {
  it.each([
    [null, 'text', ''],
    [12.5, 'number', '12.5'],
    [false, 'boolean', 'false'],
    [{ a: [1] }, 'json', '{"a":[1]}'],
    ['x', 'json', '"x"'],
  ] as const)('formats %j in a %s column as %j', (value, type, expected) => {
    expect(formatCell(value, type)).toBe(expected);
  });
});
