/**
 * Statements on `data_rows` as prepared statements. Each connection parses a statement text
 * once. PostgreSQL plans its first five executions with the parameter values, and from then on
 * reuses one generic plan unless its estimated cost is much higher than theirs, so a repeated
 * statement is only bound and executed.
 *
 * Planning a statement on `data_rows` takes longer with every data table in the database, of
 * any tenant, because the planner checks the partial predicate of every table's column indexes.
 * A filter on 10,000 rows planned in 0.06 ms next to 6 indexes and in 0.42 ms next to 206
 * (PostgreSQL 15, 0.11 and 0.71 ms in PGlite), and executed in 0.03 ms (medians of EXPLAIN
 * ANALYZE).
 *
 * Row queries name the table id as a literal (see `rowQuerySql`), so their generic plans can use
 * the table's partial indexes, and the tables and the query shapes that workflows use bound the
 * number of texts.
 */

import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

import { logger } from '../logger';
import type { Database } from './client';
import { executePostgresRows, executeRowsCancellable, postgresClientOf } from './execute';

const dialect = new PgDialect();

/**
 * Prepared statements kept per PGlite instance. A row query with three filters and a sort
 * keeps about 55 KB of plans (pg_backend_memory_contexts on PostgreSQL 15), so 200 take about
 * 11 MB of the WebAssembly heap.
 */
export const MAX_PGLITE_STATEMENTS = 200;

/** SQLSTATE of "prepared statement does not exist". */
const INVALID_STATEMENT_NAME = '26000';

/**
 * Runs a statement as a prepared statement, cancelled by `signal` like `executeRowsCancellable`.
 * The driver's own type parsers read the rows, not drizzle's, and they differ for date and time
 * columns (PGlite returns a `Date` where drizzle keeps the text), so return none.
 *
 * On PostgreSQL, postgres.js prepares the text on each connection that runs it. On PGlite it is
 * prepared with `PREPARE` and run with one `EXECUTE` over the simple query protocol, whose
 * arguments are string literals of unknown type that PostgreSQL casts to the parameter types
 * exactly as it casts bound text values. A transaction handle has no client of its own, so
 * there the statement runs unprepared.
 */
export async function executePreparedRows<Row>(
  db: Database,
  query: SQL,
  signal?: AbortSignal,
): Promise<Row[]> {
  signal?.throwIfAborted();

  const postgresClient = postgresClientOf(db);
  if (postgresClient) {
    return executePostgresRows<Row>(postgresClient, query, { prepare: true, signal });
  }

  const pglite = (db as { $client?: unknown }).$client;
  if (!(pglite instanceof PGlite)) {
    return executeRowsCancellable<Row>(db, query, signal);
  }

  const { sql: text, params } = dialect.sqlToQuery(query);
  const rows = await pgliteStatements(pglite).execute<Row>(text, params);
  signal?.throwIfAborted();
  return rows;
}

const globalForStatements = globalThis as typeof globalThis & {
  flowscopePgliteStatements?: WeakMap<PGlite, PgliteStatements>;
};

/**
 * Returns the statements of a PGlite instance. The map lives on `globalThis`, like the database
 * itself (client.ts), because a copy of this module loaded again by a dev reload would otherwise
 * count names from 1 again and collide with the statements the instance already holds.
 */
function pgliteStatements(client: PGlite): PgliteStatements {
  const statementsByClient = (globalForStatements.flowscopePgliteStatements ??= new WeakMap());
  let statements = statementsByClient.get(client);
  if (!statements) {
    statements = new PgliteStatements(client);
    statementsByClient.set(client, statements);
  }

  return statements;
}

/**
 * The named prepared statements of one PGlite instance by statement text. When there are more
 * than `maxStatements`, the least recently used one is deallocated.
 */
export class PgliteStatements {
  readonly #names = new Map<string, Promise<string>>();
  #created = 0;

  constructor(
    private readonly client: PGlite,
    private readonly maxStatements = MAX_PGLITE_STATEMENTS,
  ) {}

  /** Returns the number of statement texts prepared or being prepared. */
  get size(): number {
    return this.#names.size;
  }

  /** Executes `text` with `params` ($1, $2, …), preparing it first if it is new. */
  async execute<Row>(text: string, params: readonly unknown[]): Promise<Row[]> {
    const argumentList = params.map(toLiteral).join(', ');
    const preparing = this.#prepare(text);

    try {
      return await this.#run<Row>(await preparing, argumentList);
    } catch (error) {
      if ((error as { code?: unknown }).code !== INVALID_STATEMENT_NAME) throw error;

      // The statement was deallocated after this call found it (an eviction that ran first,
      // DEALLOCATE ALL, DISCARD ALL), so it is prepared again under a new name.
      if (this.#names.get(text) === preparing) this.#names.delete(text);
      return this.#run<Row>(await this.#prepare(text), argumentList);
    }
  }

  async #run<Row>(name: string, argumentList: string): Promise<Row[]> {
    const call = argumentList ? `EXECUTE ${name}(${argumentList})` : `EXECUTE ${name}`;
    const [result] = await this.client.exec(call);
    return (result?.rows ?? []) as Row[];
  }

  #prepare(text: string): Promise<string> {
    const known = this.#names.get(text);
    if (known) {
      this.#names.delete(text);
      this.#names.set(text, known);
      return known;
    }

    this.#created += 1;
    const name = `row_query_${this.#created}`;
    const preparing = this.client.exec(`PREPARE ${name} AS ${text}`).then(() => name);
    this.#names.set(text, preparing);
    preparing.catch(() => {
      if (this.#names.get(text) === preparing) this.#names.delete(text);
    });

    this.#evictOldest();
    return preparing;
  }

  #evictOldest(): void {
    if (this.#names.size <= this.maxStatements) return;

    const [oldestText, oldest] = this.#names.entries().next().value!;
    this.#names.delete(oldestText);

    // A statement that failed to prepare has nothing to deallocate.
    oldest.then(
      (name) => this.#deallocate(name),
      () => undefined,
    );
  }

  async #deallocate(name: string): Promise<void> {
    try {
      await this.client.exec(`DEALLOCATE ${name}`);
    } catch (error) {
      if ((error as { code?: unknown }).code === INVALID_STATEMENT_NAME) return;
      logger.warn({ err: error, statement: name }, 'deallocating a prepared statement failed');
    }
  }
}

/**
 * Quotes a bound value as an escape string literal (`E'...'`) for `EXECUTE`. Doubling both
 * backslashes and quotes keeps the literal closed whatever `standard_conforming_strings` is.
 * Drizzle passes the values of these statements as strings and numbers.
 */
function toLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';

  const isScalar =
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean';
  if (!isScalar) {
    throw new TypeError(
      `A prepared statement parameter must be a string, number, bigint or boolean, got ${Object.prototype.toString.call(value)}`,
    );
  }

  const text = String(value);
  if (text.includes('\u0000')) {
    throw new TypeError(
      `A prepared statement parameter contains a NUL character: ${JSON.stringify(text)}`,
    );
  }

  return `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}
