import { describe, expect, it } from 'vitest';

import { jsonContains, jsonEquals } from './json-values';

describe('jsonEquals', () => {
  it.each([
    [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
    [[1, 2], [2, 1], false],
    [{ a: 1 }, { a: 1, b: null }, false],
    [null, null, true],
    ['1', 1, false],
    [{ a: { b: 'x' } }, { a: { b: 'x' } }, true],
  ])('compares %j and %j as %s', (left, right, expected) => {
    expect(jsonEquals(left, right)).toBe(expected);
  });
});

describe('jsonContains', () => {
  it.each([
    [{ a: 1, b: 2 }, { a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: { b: 1, c: 2 } }, { a: { b: 1 } }, true],
    [[1, 2, 3], [3, 1], true],
    [[1, 2], [1, 1], true],
    [[1, 2], [], true],
    [{}, {}, true],
    [['a', 'b'], 'a', true],
    [{ tags: ['a', 'b'] }, { tags: 'a' }, false],
    [[[1, 2]], [[1]], true],
    [[[1, 2]], [1], false],
    [[{ a: 1, b: 2 }], [{ a: 1 }], true],
    [5, 5, true],
    [{ a: 1 }, [1], false],
    ['abc', 'b', false],
  ])('%j @> %j is %s', (container, contained, expected) => {
    expect(jsonContains(container, contained)).toBe(expected);
  });
});
