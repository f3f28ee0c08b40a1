import { redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';

import { logger } from '@/lib/logger';
import { getSessionTenant, startSession } from '@/lib/session';

import { safeNextPath } from './safe-next-path';
import { parseTenantSlug } from './tenant-slug';

/**
 * `GET /session?tenant=SLUG&next=PATH` switches the browser to the tenant with that slug,
 * creating the tenant when it is new. Without `tenant`, it makes sure the browser has a session
 * (on the demo tenant for a first visit). Then it redirects to `next`.
 */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const next = safeNextPath(params.get('next'));
  const requested = params.get('tenant');

  if (requested !== null) {
    const parsed = parseTenantSlug(requested);
    if ('error' in parsed) {
      return new Response(`${parsed.error}\n`, {
        status: 400,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    }

    await startSession(parsed.slug);
    logger.info({ slug: parsed.slug }, 'tenant switched');
    redirect(next);
  }

  if (!(await getSessionTenant())) await startSession();
  redirect(next);
}
