import { randomUUID } from 'node:crypto';

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openTestDatabase } from '../../test/database';
import type { DatabaseHandle } from './client';
import { executeRows, executeRowsCancellable } from './execute';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
});

afterAll(async () => {
  await handle?.close();
});

async function activeStatementsMarked(marker: string): Promise<number> {
  const rows = await executeRows<{ total: number }>(
    handle.db,
    sql`SELECT count(*)::int AS total FROM pg_stat_activity WHERE state = 'active' AND query LIKE ${`%${marker}%`} AND pid <> pg_backend_pid()`,
  );
  return rows[0]!.total;
}

describe('executeRowsCancellable', () => {
  it('returns rows when the signal does not fire', async () => {
    const rows = await executeRowsCancellable<{ answer: number }>(
      handle.db,
      sql`SELECT 42 AS answer`,
      new AbortController().signal,
    );

    expect(rows).toEqual([{ answer: 42 }]);
  });

  it('rejects with the reason of a signal that already fired', async () => {
    const reason = new Error('limit reached');

    await expect(
      executeRowsCancellable(handle.db, sql`SELECT 1`, AbortSignal.abort(reason)),
    ).rejects.toBe(reason);
  });

  it('cancels a running statement on PostgreSQL', async (context) => {
    if (handle.kind !== 'postgres') {
      context.skip('PGlite cannot interrupt a running statement; run with DATABASE_URL set');
    }
    const marker = `cancel_${randomUUID().replaceAll('-', '')}`;
    const controller = new AbortController();
    const reason = new Error('run time limit reached');

    const running = executeRowsCancellable(
      handle.db,
      sql.raw(`SELECT pg_sleep(60) AS ${marker}`),
      controller.signal,
    );
    const settled = running.catch((error: unknown) => error);
    while ((await activeStatementsMarked(marker)) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    controller.abort(reason);

    expect(await settled).toBe(reason);
    expect(await activeStatementsMarked(marker)).toBe(0);
  });
});
