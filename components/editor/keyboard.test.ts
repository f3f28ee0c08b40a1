import { describe, expect, it } from 'vitest';

import { shortcutOf } from './keyboard';

const plain = { ctrlKey: false, metaKey: false, shiftKey: false, altKey: false };

describe('editor shortcuts', () => {
  it.each([
    [{ ...plain, key: 's', ctrlKey: true }, 'save'],
    [{ ...plain, key: 's', metaKey: true }, 'save'],
    [{ ...plain, key: 'z', ctrlKey: true }, 'undo'],
    [{ ...plain, key: 'Z', ctrlKey: true, shiftKey: true }, 'redo'],
    [{ ...plain, key: 'z', metaKey: true, shiftKey: true }, 'redo'],
    [{ ...plain, key: 'y', ctrlKey: true }, 'redo'],
    [{ ...plain, key: 'z' }, null],
    [{ ...plain, key: 's', ctrlKey: true, altKey: true }, null],
    [{ ...plain, key: 'x', ctrlKey: true }, null],
  ])('maps %o to %s', (event, expected) => {
    expect(shortcutOf(event)).toBe(expected);
  });
});
