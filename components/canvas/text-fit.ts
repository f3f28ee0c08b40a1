/**
 * Counts the width of `text` in character cells: 2 for each character from U+1100 on (wide East
 * Asian scripts, fullwidth forms, emoji and most symbols) and 1 for the rest.
 */
export function textCells(text: string): number {
  let cells = 0;
  for (const character of text) cells += character.codePointAt(0)! >= 0x1100 ? 2 : 1;
  return cells;
}

/** Returns true when `text` may need more than `maxCells` cells, so its box must clip it. */
export function mayOverflow(text: string, maxCells: number): boolean {
  return text.length * 2 > maxCells && textCells(text) > maxCells;
}
