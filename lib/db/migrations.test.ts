import { readFileSync } from 'node:fs';
import path from 'node:path';

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { executeRows } from './execute';
import { openFreshDatabase, type FreshDatabase } from './testing/fresh-database';

const EXPECTED_TABLES = [
  'data_rows',
  'data_tables',
  'runs',
  'sessions',
  'tenants',
  'workflow_versions',
  'workflows',
];

const journal = JSON.parse(
  readFileSync(path.join(process.cwd(), 'drizzle', 'migrations', 'meta', '_journal.json'), 'utf8'),
) as { entries: Array<{ tag: string }> };

let fresh: FreshDatabase;

beforeAll(async () => {
  fresh = await openFreshDatabase();
});

afterAll(async () => {
  await fresh?.close();
});

describe('migrations on an empty database', () => {
  it('create every table of the schema', async () => {
    const rows = await executeRows<{ table_name: string }>(
      fresh.handle.db,
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );

    expect(rows.map((row) => row.table_name)).toEqual(EXPECTED_TABLES);
  });

  it('record every migration of the journal', async () => {
    const rows = await executeRows<{ total: number }>(
      fresh.handle.db,
      sql`SELECT count(*)::int AS total FROM drizzle.__drizzle_migrations`,
    );

    expect(rows[0]!.total).toBe(journal.entries.length);
  });

  it('create the UTC date cast that indexes use', async () => {
    const rows = await executeRows<{ value: string; volatility: string }>(
      fresh.handle.db,
      sql`SELECT to_char(flowscope_timestamptz('1996-07-04 02:00:00+02') AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS value, (SELECT provolatile FROM pg_proc WHERE proname = 'flowscope_timestamptz') AS volatility`,
    );

    expect(rows[0]).toEqual({ value: '1996-07-04 00:00', volatility: 'i' });
  });

  it('create the partial index of running runs', async () => {
    const rows = await executeRows<{ indexdef: string }>(
      fresh.handle.db,
      sql`SELECT indexdef FROM pg_indexes WHERE indexname = 'runs_status_idx'`,
    );

    expect(rows[0]!.indexdef).toContain(`WHERE (status = 'running'::text)`);
  });
});
