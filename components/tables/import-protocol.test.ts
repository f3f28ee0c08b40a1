import { describe, expect, it } from 'vitest';

import {
  createImportMessageReader,
  encodeImportMessage,
  type ImportMessage,
} from './import-protocol';

const progress: ImportMessage = { type: 'progress', inserted: 500, total: 830 };
const done: ImportMessage = {
  type: 'done',
  tableId: 't1',
  tableName: 'orders',
  created: true,
  inserted: 830,
  skipped: [],
};

describe('import message reader', () => {
  it('returns messages of completed lines only', () => {
    const reader = createImportMessageReader();
    const first = encodeImportMessage(progress);
    const second = encodeImportMessage(done);
    const partial = first + second.slice(0, 10);

    expect(reader.read(partial)).toEqual([progress]);
    expect(reader.read(first + second)).toEqual([done]);
  });

  it('returns nothing when no new line completed', () => {
    const reader = createImportMessageReader();
    const text = encodeImportMessage(progress);
    reader.read(text);

    expect(reader.read(text)).toEqual([]);
    expect(reader.read(`${text}{"type":`)).toEqual([]);
  });

  it('reads several lines arriving together', () => {
    const reader = createImportMessageReader();
    const text =
      encodeImportMessage(progress) + encodeImportMessage(progress) + encodeImportMessage(done);

    expect(reader.read(text)).toEqual([progress, progress, done]);
  });
});
