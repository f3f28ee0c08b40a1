import { describe, expect, it } from 'vitest';

import { mayOverflow, textCells } from './text-fit';

describe('textCells', () => {
  it.each([
    ['b17', 3],
    ['return vars.b17 + 1;', 20],
    ['Überprüfung', 11],
    ['注文', 4],
    ['ok 🚀', 5],
    ['…', 2],
  ])('counts %j as %i cells', (text, cells) => {
    expect(textCells(text)).toBe(cells);
  });
});

describe('mayOverflow', () => {
  it.each([
    ['b17', 8, false],
    ['12345678', 8, false],
    ['123456789', 8, true],
    ['注文注文', 8, false],
    ['注文注文注', 8, true],
  ])('%j in %i cells: %s', (text, maxCells, expected) => {
    expect(mayOverflow(text, maxCells)).toBe(expected);
  });
});
