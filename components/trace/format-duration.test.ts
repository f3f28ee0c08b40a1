import { describe, expect, it } from 'vitest';

import { formatDuration, formatTimeSplit } from './format-duration';

describe('formatDuration', () => {
  it.each([
    [0, '0 µs'],
    [0.0004, '<1 µs'],
    [0.0123, '12 µs'],
    [0.5, '500 µs'],
    [0.9996, '1 ms'],
    [1, '1 ms'],
    [4.2, '4.2 ms'],
    [12.345, '12.3 ms'],
    [123.4, '123 ms'],
    [999.7, '1 s'],
    [1530, '1.53 s'],
    [12_345, '12.3 s'],
    [59_990, '1 min'],
    [60_000, '1 min'],
    [125_000, '2 min 5 s'],
  ])('formats %d ms as %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY]])('formats %d as a dash', (ms) => {
    expect(formatDuration(ms)).toBe('–');
  });
});

describe('formatTimeSplit', () => {
  it('lists DB, JS and HTTP time with missing parts as zero', () => {
    expect(formatTimeSplit({ dbTimeMs: 1.2, jsTimeMs: 0.04 })).toBe(
      'DB 1.2 ms · JS 40 µs · HTTP 0 µs',
    );
  });
});
