import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Sql } from 'postgres';

import type { Database } from './client';

const dialect = new PgDialect();

/** The rows of a raw SQL query, on either driver (postgres-js returns an array, PGlite `{ rows }`). */
export async function executeRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Runs a raw SQL query that `signal` cancels. On PostgreSQL the driver sends a cancel request for
 * the running statement. Rejects with `signal.reason` when the signal fires, whichever driver.
 *
 * NOTE: PGlite runs each statement synchronously inside its WebAssembly module on this thread,
 * so nothing can interrupt a statement once it started. There the signal is checked before the
 * statement, and a result that arrives after the signal fired is discarded. A transaction handle (`tx`) has no driver client of
 * its own either, so queries inside a transaction take the same path.
 */
export async function executeRowsCancellable<Row>(
  db: Database,
  query: SQL,
  signal: AbortSignal | undefined,
): Promise<Row[]> {
  signal?.throwIfAborted();

  const client = postgresClientOf(db);
  if (!client || !signal) {
    const rows = await executeRows<Row>(db, query);
    signal?.throwIfAborted();
    return rows;
  }

  return executePostgresRows<Row>(client, query, { prepare: false, signal });
}

export interface PostgresExecuteOptions {
  /** Run as a named prepared statement that the connection keeps for the same text. */
  prepare: boolean;
  signal?: AbortSignal;
}

/**
 * Runs a raw SQL query on the postgres-js client itself, without drizzle, and rejects with
 * `signal.reason` when the signal fires (the driver then cancels the running statement).
 */
export async function executePostgresRows<Row>(
  client: Sql,
  query: SQL,
  { prepare, signal }: PostgresExecuteOptions,
): Promise<Row[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  // postgres.js sends a query without parameters over the simple protocol, which has no
  // statements to prepare, so a prepared query sets `simple: false`.
  const options = prepare ? { prepare, simple: false } : { prepare };
  const pending = client.unsafe(text, params as never[], options);
  if (!signal) return (await pending) as unknown as Row[];

  let rows: Row[];
  try {
    rows = (await pending.signal(signal)) as unknown as Row[];
  } catch (error) {
    signal.throwIfAborted();
    throw error;
  }

  signal.throwIfAborted();
  return rows;
}

/** Returns the postgres-js client behind a drizzle database, or null for PGlite and transactions. */
export function postgresClientOf(db: Database): Sql | null {
  const client = (db as { $client?: unknown }).$client;
  const isPostgresJs = typeof client === 'function' && 'unsafe' in client;
  return isPostgresJs ? (client as Sql) : null;
}
