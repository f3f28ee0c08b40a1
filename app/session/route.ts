import { redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';
import { z } from 'zod';

import { logger } from '@/lib/logger';
import { getSessionTenant, startSession } from '@/lib/session';

import { safeNextPath } from './safe-next-path';

const slugSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'use 1 to 63 lowercase letters, digits and inner hyphens',
  );

/**
 * `GET /session?tenant=SLUG&next=PATH` switches the browser to the tenant with that slug,
 * creating the tenant when it is new. Without `tenant`, it makes sure the browser has a session
 * (on the demo tenant for a first visit). Then it redirects to `next`.
 */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const next = safeNextPath(params.get('next'));
  const slug = params.get('tenant');

  if (slug !== null) {
    const parsed = slugSchema.safeParse(slug.trim().toLowerCase());
    if (!parsed.success) {
      const reason = parsed.error.issues[0]?.message ?? 'invalid';
      return new Response(`Tenant slug ${JSON.stringify(slug)} is invalid: ${reason}.\n`, {
        status: 400,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    }
    await startSession(parsed.data);
    logger.info({ slug: parsed.data }, 'tenant switched');
    redirect(next);
  }

  if (!(await getSessionTenant())) await startSession();
  redirect(next);
}
