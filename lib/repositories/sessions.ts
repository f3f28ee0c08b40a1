import { randomBytes } from 'node:crypto';

import { eq } from 'drizzle-orm';

import { sessionsTable, tenantsTable, type TenantRecord } from '../../drizzle/schema';
import type { Database } from '../db/client';
import { isUuid } from './ids';

/** Bytes of randomness in a session id; 32 bytes give 43 base64url characters. */
const SESSION_ID_BYTES = 32;

/** Length bound of a session id read from a cookie, to reject junk before querying. */
const MAX_SESSION_ID_LENGTH = 128;

/**
 * Creates a browser session of a tenant. Returns the random session id for the cookie, or null
 * when the tenant does not exist.
 */
export async function createSession(db: Database, tenantId: string): Promise<string | null> {
  if (!isUuid(tenantId)) return null;

  const [tenant] = await db
    .select({ id: tenantsTable.id })
    .from(tenantsTable)
    .where(eq(tenantsTable.id, tenantId));
  if (!tenant) return null;

  const id = randomBytes(SESSION_ID_BYTES).toString('base64url');
  await db.insert(sessionsTable).values({ id, tenantId });
  return id;
}

/** Returns the tenant of a session id, or null when the session does not exist. */
export async function resolveSession(
  db: Database,
  sessionId: string,
): Promise<TenantRecord | null> {
  const isPlausible = typeof sessionId === 'string' && sessionId.length > 0;
  if (!isPlausible || sessionId.length > MAX_SESSION_ID_LENGTH) return null;

  const [row] = await db
    .select({ tenant: tenantsTable })
    .from(sessionsTable)
    .innerJoin(tenantsTable, eq(tenantsTable.id, sessionsTable.tenantId))
    .where(eq(sessionsTable.id, sessionId));
  return row?.tenant ?? null;
}

/** Deletes a session (sign-out); false when it did not exist. */
export async function deleteSession(db: Database, sessionId: string): Promise<boolean> {
  const deleted = await db
    .delete(sessionsTable)
    .where(eq(sessionsTable.id, sessionId))
    .returning({ id: sessionsTable.id });
  return deleted.length > 0;
}
