import { describe, expect, it } from 'vitest';

import { formatBytes, isTruncatedValue } from './format-size';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [980, '980 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [65_600, '64 KB'],
    [5 * 1024 * 1024, '5 MB'],
    [-1, '–'],
  ])('formats %d bytes as %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
});

describe('isTruncatedValue', () => {
  it('recognizes the truncation marker', () => {
    expect(isTruncatedValue({ truncated: true, size: 70_000, preview: '[{...' })).toBe(true);
  });

  it.each([[null], [[1]], [{ truncated: 'yes', size: 1 }], [{ truncated: true }]])(
    'rejects %j',
    (value) => {
      expect(isTruncatedValue(value)).toBe(false);
    },
  );
});
