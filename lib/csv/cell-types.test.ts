import { describe, expect, it } from 'vitest';

import type { ColumnType } from '../../engine/types';
import { convertCell, inferColumnType } from './cell-types';

describe('inferColumnType', () => {
  const cases: Array<[string, string[], ColumnType]> = [
    ['integers and decimals', ['1', '2.50', '-3', '1e3'], 'number'],
    ['0/1 flags as numbers', ['0', '1', '1'], 'number'],
    ['a code with a leading zero', ['12209', '05021'], 'text'],
    ['more digits than a double keeps', ['1234567890123456789'], 'text'],
    ['booleans in any case', ['true', 'FALSE', 'True'], 'boolean'],
    ['SQL Server style dates', ['1996-07-04 00:00:00.000', '1998-05-06 00:00:00.000'], 'date'],
    ['ISO dates with zones', ['2024-05-01', '2024-05-01T10:00:00+02:00'], 'date'],
    ['an impossible date', ['2024-02-30'], 'text'],
    ['mixed numbers and words', ['1', 'two'], 'text'],
    ['nulls beside numbers', ['', 'NULL', '4'], 'number'],
    ['only nulls', ['', 'NULL'], 'text'],
    ['no cells', [], 'text'],
    ['lowercase null as text', ['null'], 'text'],
    ['numbers with spaces around', [' 5', '6 '], 'number'],
    ['a number with a plus sign', ['+5'], 'text'],
  ];

  it.each(cases)('infers %s', (_name, cells, expected) => {
    expect(inferColumnType(cells)).toBe(expected);
  });
});

describe('convertCell', () => {
  const cases: Array<[ColumnType, string, unknown]> = [
    ['number', '14.00', 14],
    ['number', 'NULL', null],
    ['number', 'abc', undefined],
    ['date', '1996-07-04 00:00:00.000', '1996-07-04T00:00:00.000Z'],
    ['date', '2024-05-01T10:00:00+02:00', '2024-05-01T08:00:00.000Z'],
    ['boolean', 'false', false],
    ['text', ' kept as is ', ' kept as is '],
    ['text', '', null],
    ['json', '{"a":1}', { a: 1 }],
    ['json', 'plain', 'plain'],
  ];

  it.each(cases)('converts a %s cell %j', (type, cell, expected) => {
    expect(convertCell(type, cell)).toEqual(expected);
  });
});
