import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createImportMessageReader, type ImportMessage } from '@/components/tables/import-protocol';
import type { DatabaseHandle } from '@/lib/db/client';
import { countDataRows } from '@/lib/repositories/data-tables';
import { createTestTenant, openTestDatabase } from '@/test/database';

import { streamCsvImport } from './import-stream';

let handle: DatabaseHandle;
let tenantId: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'import');
});

afterAll(async () => {
  await handle?.close();
});

async function readMessages(stream: ReadableStream<Uint8Array>): Promise<ImportMessage[]> {
  const text = await new Response(stream).text();
  return createImportMessageReader().read(text);
}

function upload(tableName: string, csv: string, skipInvalid = false) {
  return {
    tenantId,
    tableName,
    fileName: `${tableName}.csv`,
    bytes: new TextEncoder().encode(csv),
    skipInvalid,
  };
}

function manyRows(count: number): string {
  const lines = Array.from({ length: count }, (_, index) => `P${index},${index * 1.5}`);
  return ['code,price', ...lines].join('\n');
}

describe('streamCsvImport', () => {
  it('reports progress per batch, then the result', async () => {
    const messages = await readMessages(
      streamCsvImport(handle.db, upload('prices', manyRows(1200))),
    );
    const done = messages.at(-1);

    expect(messages.slice(0, -1)).toEqual([
      { type: 'progress', inserted: 500, total: 1200 },
      { type: 'progress', inserted: 1000, total: 1200 },
      { type: 'progress', inserted: 1200, total: 1200 },
    ]);
    expect(done).toMatchObject({
      type: 'done',
      tableName: 'prices',
      created: true,
      inserted: 1200,
    });
    const tableId = done?.type === 'done' ? done.tableId : '';
    expect(await countDataRows(handle.db, tenantId, tableId)).toBe(1200);
  });

  it('sends the command line error for invalid lines and imports nothing', async () => {
    const csv = 'code,price\nA,1\nB,2,extra\nC,3\n';

    const messages = await readMessages(streamCsvImport(handle.db, upload('broken', csv)));

    expect(messages).toEqual([
      {
        type: 'error',
        message:
          'Cannot import "broken.csv": 1 line is invalid, so nothing was imported. Fix them, or skip invalid lines (the "Skip invalid lines instead of failing" box) to import the rest:\n  line 3: expected 2 fields, found 3',
      },
    ]);
  });

  it('imports the valid lines and lists the skipped ones when asked', async () => {
    const csv = 'code,price\nA,1\nB,2,extra\nC,3\n';

    const messages = await readMessages(streamCsvImport(handle.db, upload('partial', csv, true)));

    expect(messages.at(-1)).toMatchObject({
      type: 'done',
      inserted: 2,
      skipped: [{ line: 3, message: 'expected 2 fields, found 3' }],
    });
  });

  it('sends the error of an empty file', async () => {
    const messages = await readMessages(streamCsvImport(handle.db, upload('empty', '')));

    expect(messages).toEqual([
      {
        type: 'error',
        message:
          'Cannot import "empty.csv": the file is empty; its first line must name the columns',
      },
    ]);
  });
});
