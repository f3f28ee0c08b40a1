import { describe, expect, it } from 'vitest';

import { castToColumnType, compareCodePoints, parseDateInstant } from './column-values';

describe('castToColumnType', () => {
  it.each([
    ['number', 12, 12],
    ['number', '12.5', 12.5],
    ['number', ' 7 ', 7],
    ['text', 'Ab', 'Ab'],
    ['text', 42, '42'],
    ['boolean', 'true', true],
    ['boolean', false, false],
    ['date', '2024-05-01', '2024-05-01T00:00:00.000Z'],
    ['date', '2024-05-01T12:30:00+02:00', '2024-05-01T10:30:00.000Z'],
    ['date', '2024-05-01 12:30', '2024-05-01T12:30:00.000Z'],
    ['date', '2024-05-01T00:00:00.5789Z', '2024-05-01T00:00:00.578Z'],
    ['json', { a: [1] }, { a: [1] }],
  ] as const)('casts to %s: %j', (type, value, expected) => {
    expect(castToColumnType(type, value)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['number', 'abc', '"abc" is not a number'],
    ['number', '', '"" is not a number'],
    ['number', true, 'true is not a number'],
    ['boolean', 'yes', '"yes" is not a boolean'],
    ['text', true, 'true is not a string'],
    ['text', 'a\u0000b', '"a\\u0000b" contains a NUL character'],
    [
      'date',
      '2024-02-30',
      '"2024-02-30" is not a date; use an ISO 8601 string such as "2024-05-01" or "2024-05-01T12:00:00Z"',
    ],
  ] as const)('rejects for %s: %j', (type, value, problem) => {
    expect(castToColumnType(type, value)).toEqual({ ok: false, problem });
  });
});

describe('parseDateInstant', () => {
  it('reads a date without a zone as UTC', () => {
    expect(parseDateInstant('2024-05-01T10:00:00')).toBe(Date.UTC(2024, 4, 1, 10));
  });

  it('applies an hour-only offset', () => {
    expect(parseDateInstant('2024-05-01T10:00:00-05')).toBe(Date.UTC(2024, 4, 1, 15));
  });

  it('rejects a time of 24 hours', () => {
    expect(parseDateInstant('2024-05-01T24:00:00Z')).toBeNull();
  });
});

describe('compareCodePoints', () => {
  it('orders upper case before lower case', () => {
    expect(compareCodePoints('Z', 'a')).toBeLessThan(0);
  });

  it('orders characters above U+FFFF after U+E000..U+FFFF', () => {
    expect(compareCodePoints('\u{1F600}', '\uFF21')).toBeGreaterThan(0);
    expect('\u{1F600}' < '\uFF21').toBe(true);
  });

  it('orders a prefix first', () => {
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
  });
});
