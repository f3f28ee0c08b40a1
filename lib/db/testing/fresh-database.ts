/**
 * Empty databases for tests that need one to themselves (migrations, seeding): a new in-memory
 * PGlite, or with `DATABASE_URL` set a new database on that PostgreSQL server, dropped on close.
 */

import { randomUUID } from 'node:crypto';

import postgres from 'postgres';

import { openDatabase, type DatabaseHandle } from '../client';

export interface FreshDatabase {
  handle: DatabaseHandle;
  /** The URL of the new PostgreSQL database; undefined on PGlite. */
  url?: string;
  /** Closes the handle and drops the PostgreSQL database. */
  close(): Promise<void>;
}

/** Creates an empty PostgreSQL database on the server of `serverUrl`; returns its URL. */
export async function createEmptyPostgresDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `flowscope_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });

  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}

/** Opens an empty, migrated database of the kind the test run targets. */
export async function openFreshDatabase(): Promise<FreshDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ pgliteDir: 'memory' });
    return { handle, close: () => handle.close() };
  }

  const database = await createEmptyPostgresDatabase(serverUrl);
  const handle = await openDatabase({ url: database.url });
  return {
    handle,
    url: database.url,
    close: async () => {
      await handle.close();
      await database.drop();
    },
  };
}
