import { count, eq } from 'drizzle-orm';

import { tenantsTable, type TenantRecord } from '../../drizzle/schema';
import type { Database } from '../db/client';
import { ConflictError, InvalidInputError, isUniqueViolation } from './errors';
import { checkName, isUuid } from './ids';

/** Lowercase letters, digits and inner hyphens, up to 63 characters: safe in a URL. */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export interface NewTenant {
  slug: string;
  name: string;
}

export async function findTenantBySlug(db: Database, slug: string): Promise<TenantRecord | null> {
  const [tenant] = await db.select().from(tenantsTable).where(eq(tenantsTable.slug, slug));
  return tenant ?? null;
}

export async function getTenant(db: Database, tenantId: string): Promise<TenantRecord | null> {
  if (!isUuid(tenantId)) return null;

  const [tenant] = await db.select().from(tenantsTable).where(eq(tenantsTable.id, tenantId));
  return tenant ?? null;
}

/** Creates a tenant; throws `ConflictError` (`TENANT_SLUG_TAKEN`) when the slug exists. */
export async function createTenant(db: Database, tenant: NewTenant): Promise<TenantRecord> {
  const values = validateTenant(tenant);

  try {
    const [created] = await db.insert(tenantsTable).values(values).returning();
    return created!;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new ConflictError(
      'TENANT_SLUG_TAKEN',
      `A tenant with the slug "${values.slug}" already exists; choose another slug`,
      values.slug,
    );
  }
}

/** Returns the tenant with the slug, creating it with `name` when it does not exist. */
export async function ensureTenant(db: Database, tenant: NewTenant): Promise<TenantRecord> {
  const values = validateTenant(tenant);

  const [created] = await db
    .insert(tenantsTable)
    .values(values)
    .onConflictDoNothing({ target: tenantsTable.slug })
    .returning();
  if (created) return created;

  return (await findTenantBySlug(db, values.slug))!;
}

export async function countTenants(db: Database): Promise<number> {
  const [row] = await db.select({ total: count() }).from(tenantsTable);
  return row?.total ?? 0;
}

function validateTenant(tenant: NewTenant): NewTenant {
  if (typeof tenant.slug !== 'string' || !SLUG.test(tenant.slug)) {
    throw new InvalidInputError(
      `Tenant slug ${JSON.stringify(tenant.slug)} is invalid: use 1 to 63 lowercase letters, digits and inner hyphens`,
      'slug',
    );
  }

  const checked = checkName(tenant.name, 200);
  if ('problem' in checked) {
    throw new InvalidInputError(`Tenant name ${checked.problem}`, 'name');
  }

  return { slug: tenant.slug, name: checked.name };
}
