/**
 * The databases the data figures run on: PGlite in memory, and a PostgreSQL database that the
 * benchmark drops and recreates (`flowscope_bench` on 127.0.0.1:5432 unless
 * `BENCH_DATABASE_URL` names another).
 */

import postgres from 'postgres';

import type { DatabaseHandle } from '../../lib/db/client';
import { isMissing, loadModule, type Loaded } from './engine-modules';

export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/flowscope_bench';

/** Slug of the tenant the benchmarks create their data in. */
export const BENCH_TENANT_SLUG = 'bench';

export interface BenchDatabase {
  /** `PGlite` or `PostgreSQL`, as the report names it. */
  label: string;
  handle: DatabaseHandle;
  tenantId: string;
}

type ClientModule = typeof import('../../lib/db/client');
type TenantsModule = typeof import('../../lib/repositories/tenants');

async function openWithTenant(
  label: string,
  options: Parameters<ClientModule['openDatabase']>[0],
): Promise<Loaded<BenchDatabase>> {
  const client = await loadModule<ClientModule>('lib/db/client.ts', 'openDatabase');
  const tenants = await loadModule<TenantsModule>('lib/repositories/tenants.ts', 'ensureTenant');
  if (isMissing(client)) return client;
  if (isMissing(tenants)) return tenants;

  const handle = await client.openDatabase(options);
  const tenant = await tenants.ensureTenant(handle.db, {
    slug: BENCH_TENANT_SLUG,
    name: 'Benchmarks',
  });
  return { label, handle, tenantId: tenant.id };
}

/** Opens PGlite in memory, or persisted in `folder` as the app keeps it (`<data dir>/pglite`). */
export function openPgliteBench(
  folder: string | 'memory' = 'memory',
): Promise<Loaded<BenchDatabase>> {
  return openWithTenant('PGlite', { pgliteDir: folder });
}

/** Drops and recreates the benchmark database, then opens it. Returns the reason instead when the server is not reachable. */
export async function openPostgresBench(): Promise<Loaded<BenchDatabase>> {
  const url = new URL(process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL);
  const name = url.pathname.slice(1);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';

  const admin = postgres(maintenance.toString(), {
    max: 1,
    onnotice: () => {},
    connect_timeout: 5,
  });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { missing: `PostgreSQL at ${url.host} is not reachable (${reason})` };
  } finally {
    await admin.end({ timeout: 5 });
  }

  return openWithTenant('PostgreSQL', { url: url.toString() });
}

const shared: {
  pglite?: Promise<Loaded<BenchDatabase>>;
  postgres?: Promise<Loaded<BenchDatabase>>;
} = {};

/**
 * Returns the in-memory PGlite that the data figures share, opened on first use. Opening PGlite
 * (WebAssembly start, initdb and migrations) takes seconds, so the figures do it once.
 */
export function sharedPglite(): Promise<Loaded<BenchDatabase>> {
  shared.pglite ??= openPgliteBench();
  return shared.pglite;
}

/** Returns the PostgreSQL benchmark database that the data figures share, recreated once. */
export function sharedPostgres(): Promise<Loaded<BenchDatabase>> {
  shared.postgres ??= openPostgresBench();
  return shared.postgres;
}

/** Closes the shared databases; `npm run bench` calls it after the last figure. */
export async function closeSharedDatabases(): Promise<void> {
  for (const opening of [shared.pglite, shared.postgres]) {
    const database = await opening;
    if (database && !isMissing(database)) await database.handle.close();
  }
  shared.pglite = undefined;
  shared.postgres = undefined;
}
