/**
 * Browser sessions: an httpOnly cookie contains a random session id, and the `sessions` table maps it
 * to a tenant. The tenant always comes from here, never from a request payload.
 */

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';

import type { TenantRecord } from '../drizzle/schema';
import { getDatabase } from './db/client';
import { logger } from './logger';
import { createSession, resolveSession } from './repositories/sessions';
import { ensureTenant } from './repositories/tenants';

export const SESSION_COOKIE = 'flowscope_session';

/** The tenant a first visit lands on. */
export const DEFAULT_TENANT_SLUG = 'demo';

/** Lifetime of the session cookie: 180 days, in seconds. */
const SESSION_MAX_AGE_S = 180 * 24 * 3600;

/** Builds the address of the route that creates a session and then returns to `nextPath`. */
export function sessionStartPath(nextPath: string): string {
  return `/session?next=${encodeURIComponent(nextPath)}`;
}

/** Looks up the tenant of the request's session cookie; null without a valid session. */
export async function getSessionTenant(): Promise<TenantRecord | null> {
  const sessionId = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!sessionId) return null;

  const { db } = await getDatabase();
  return resolveSession(db, sessionId);
}

/**
 * Returns the session's tenant for a page. Without a valid session, it redirects to `/session`,
 * which sets the cookie and comes back to `nextPath`, because a page render cannot set cookies.
 */
export async function requireSessionTenant(nextPath: string): Promise<TenantRecord> {
  const tenant = await getSessionTenant();
  if (!tenant) redirect(sessionStartPath(nextPath));
  return tenant;
}

/**
 * Starts a session on the tenant with `slug`, creating the tenant when it is new, and sets the
 * cookie. Only server actions and route handlers may call it, because it writes a cookie.
 */
export async function startSession(slug: string = DEFAULT_TENANT_SLUG): Promise<TenantRecord> {
  const { db } = await getDatabase();
  const name = slug === DEFAULT_TENANT_SLUG ? 'Demo' : slug;
  const tenant = await ensureTenant(db, { slug, name });
  const sessionId = await createSession(db, tenant.id);
  if (!sessionId) throw new Error(`Starting a session failed: tenant "${slug}" was not found`);

  (await cookies()).set(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: SESSION_MAX_AGE_S,
  });
  logger.info({ tenantId: tenant.id, slug }, 'session started');
  return tenant;
}

/**
 * Returns the tenant id of the current session, for server actions. A request without a valid
 * session gets a new session on the demo tenant, so an expired cookie does not break an action.
 */
export async function getSessionTenantId(): Promise<string> {
  const tenant = (await getSessionTenant()) ?? (await startSession());
  return tenant.id;
}
