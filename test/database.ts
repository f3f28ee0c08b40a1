import { randomUUID } from 'node:crypto';

import { openDatabase, type DatabaseHandle } from '../lib/db/client';
import { tenantsTable } from '../drizzle/schema';

/**
 * Opens the database the integration tests run on: PostgreSQL when `DATABASE_URL` is set,
 * otherwise a fresh in-memory PGlite.
 */
export function openTestDatabase(): Promise<DatabaseHandle> {
  return openDatabase({ url: process.env.DATABASE_URL || undefined, pgliteDir: 'memory' });
}

/** Creates a tenant with a unique slug, so tests sharing one server never see each other. */
export async function createTestTenant(handle: DatabaseHandle, label = 'test'): Promise<string> {
  const slug = `${label}-${randomUUID().slice(0, 8)}`;
  const [tenant] = await handle.db
    .insert(tenantsTable)
    .values({ slug, name: `Test tenant ${slug}` })
    .returning({ id: tenantsTable.id });

  return tenant!.id;
}
