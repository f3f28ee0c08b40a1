import { z } from 'zod';

/** A tenant slug: lowercase letters, digits and inner hyphens, up to 63 characters. */
export const tenantSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'use 1 to 63 lowercase letters, digits and inner hyphens',
  );

/** Parses a slug from the address bar; returns the slug or the message for a 400 response. */
export function parseTenantSlug(value: string): { slug: string } | { error: string } {
  const parsed = tenantSlugSchema.safeParse(value);
  if (parsed.success) return { slug: parsed.data };

  const reason = parsed.error.issues[0]?.message ?? 'invalid';
  return { error: `Tenant slug ${JSON.stringify(value)} is invalid: ${reason}.` };
}
