import { describe, expect, it } from 'vitest';

import { safeNextPath } from './safe-next-path';

describe('safe next path', () => {
  it.each([
    ['/workflows/abc', '/workflows/abc'],
    ['/tables?x=1', '/tables?x=1'],
    [null, '/'],
    ['', '/'],
    ['https://example.com/', '/'],
    ['//example.com/', '/'],
    ['/\\example.com', '/'],
    ['workflows', '/'],
  ])('maps %s to %s', (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });
});
