/**
 * The one module that decides which database Flowscope talks to. With `DATABASE_URL` set it is
 * that PostgreSQL server (driver: `postgres`); without it, PGlite persisted in
 * `FLOWSCOPE_DATA_DIR/pglite`. Migrations are applied on open, on both.
 */

import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

import * as schema from '../../drizzle/schema';
import { getConfig } from '../config';
import { acquireDataDirLock } from './data-dir-lock';

export type Schema = typeof schema;

/** A drizzle database on either driver; repositories take this type. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** Where the data lives: the server URL without its password, or the PGlite folder. */
  location: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite data folder; `memory` keeps the database in memory (tests). */
  pgliteDir?: string | 'memory';
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle', 'migrations');

/** Arbitrary constant that serialises migrations of concurrent processes on one server. */
const MIGRATION_LOCK_ID = 7_320_114;

/** Opens a database and applies every pending migration. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    return openPostgres(options.url);
  }

  return openPglite(options.pgliteDir ?? 'memory');
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  await migratePostgresWithLock(url);

  // Drizzle runs its queries as unnamed statements (it passes `prepare: false` on each), and one
  // with parameters costs two round trips: a describe, then the execution. Only the data-table
  // row queries ask to be prepared (lib/db/prepared.ts). A pooler in transaction mode must
  // support prepared statements (PgBouncer 1.21+ with `max_prepared_statements`).
  // NOTE: postgres.js 4 keeps up to 1000 prepared statements per connection and closes the
  // oldest beyond that. A row query with three filters and a sort keeps about 55 KB of server
  // memory (measured with pg_backend_memory_contexts on PostgreSQL 15). A connection lives 30 to
  // 60 minutes, and 1000 distinct table and query shapes in that time would take about 55 MB.
  const client = postgres(url, { onnotice: () => {}, max: 10 });
  const db = drizzlePostgres(client, { schema, casing: 'snake_case' }) as unknown as Database;

  return {
    db,
    kind: 'postgres',
    location: redactUrl(url),
    close: () => client.end({ timeout: 5 }),
  };
}

async function migratePostgresWithLock(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });

  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_FOLDER });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function openPglite(dir: string): Promise<DatabaseHandle> {
  const isMemory = dir === 'memory';
  let releaseLock = async () => {};

  if (!isMemory) {
    await mkdir(dir, { recursive: true });
    releaseLock = await acquireDataDirLock(dir);
  }

  try {
    const client = isMemory ? new PGlite() : new PGlite(dir);
    const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Database;
    await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });

    return {
      db,
      kind: 'pglite',
      location: isMemory ? 'memory' : dir,
      close: async () => {
        await client.close();
        await releaseLock();
      },
    };
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparsable URL)';
  }
}

const globalForDatabase = globalThis as typeof globalThis & {
  flowscopeDatabase?: Promise<DatabaseHandle>;
};

/**
 * The process's database, opened once from the configuration. Kept on `globalThis` so that
 * Next.js module reloads in development share one PGlite instance.
 */
export function getDatabase(): Promise<DatabaseHandle> {
  if (!globalForDatabase.flowscopeDatabase) {
    const config = getConfig();
    const pgliteDir = path.resolve(config.FLOWSCOPE_DATA_DIR, 'pglite');
    const opening = openDatabase({ url: config.DATABASE_URL, pgliteDir });

    // A failed open is not cached, so the next call tries again.
    opening.catch(() => {
      globalForDatabase.flowscopeDatabase = undefined;
    });
    globalForDatabase.flowscopeDatabase = opening;
  }

  return globalForDatabase.flowscopeDatabase;
}

/** Closes the process's database, if it was opened. */
export async function closeDatabase(): Promise<void> {
  const opening = globalForDatabase.flowscopeDatabase;
  globalForDatabase.flowscopeDatabase = undefined;

  if (opening) {
    await (await opening).close();
  }
}
