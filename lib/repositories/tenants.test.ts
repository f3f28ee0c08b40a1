import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openTestDatabase } from '../../test/database';
import type { DatabaseHandle } from '../db/client';
import { createSession, deleteSession, resolveSession } from './sessions';
import { createTenant, ensureTenant, findTenantBySlug, getTenant } from './tenants';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
});

afterAll(async () => {
  await handle?.close();
});

function uniqueSlug(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

describe('tenants', () => {
  it('creates a tenant and finds it by slug and id', async () => {
    const slug = uniqueSlug('acme');

    const created = await createTenant(handle.db, { slug, name: ' Acme ' });

    expect(created).toMatchObject({ slug, name: 'Acme' });
    expect(await findTenantBySlug(handle.db, slug)).toEqual(created);
    expect(await getTenant(handle.db, created.id)).toEqual(created);
  });

  it('rejects a duplicate slug with a conflict naming it', async () => {
    const slug = uniqueSlug('dup');
    await createTenant(handle.db, { slug, name: 'First' });

    await expect(createTenant(handle.db, { slug, name: 'Second' })).rejects.toMatchObject({
      name: 'ConflictError',
      code: 'TENANT_SLUG_TAKEN',
      message: `A tenant with the slug "${slug}" already exists; choose another slug`,
      value: slug,
    });
  });

  it.each([['Upper'], ['-leading'], ['trailing-'], ['with space'], ['']])(
    'rejects the invalid slug %j',
    async (slug) => {
      await expect(createTenant(handle.db, { slug, name: 'X' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: `Tenant slug ${JSON.stringify(slug)} is invalid: use 1 to 63 lowercase letters, digits and inner hyphens`,
      });
    },
  );

  it('ensures a tenant once and returns the same record after', async () => {
    const slug = uniqueSlug('ensure');

    const first = await ensureTenant(handle.db, { slug, name: 'Ensured' });
    const second = await ensureTenant(handle.db, { slug, name: 'Other name' });

    expect(second).toEqual(first);
  });

  it('returns null for unknown and malformed ids', async () => {
    expect(await getTenant(handle.db, randomUUID())).toBeNull();
    expect(await getTenant(handle.db, 'not-a-uuid')).toBeNull();
    expect(await findTenantBySlug(handle.db, uniqueSlug('missing'))).toBeNull();
  });
});

describe('sessions', () => {
  it('resolves a session id to its tenant', async () => {
    const tenant = await createTenant(handle.db, { slug: uniqueSlug('session'), name: 'Session' });

    const sessionId = await createSession(handle.db, tenant.id);

    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await resolveSession(handle.db, sessionId!)).toEqual(tenant);
  });

  it('gives every session a different id', async () => {
    const tenant = await createTenant(handle.db, { slug: uniqueSlug('ids'), name: 'Ids' });

    const first = await createSession(handle.db, tenant.id);
    const second = await createSession(handle.db, tenant.id);

    expect(first).not.toBe(second);
  });

  it('resolves unknown, empty and deleted sessions to null', async () => {
    const tenant = await createTenant(handle.db, { slug: uniqueSlug('gone'), name: 'Gone' });
    const sessionId = (await createSession(handle.db, tenant.id))!;

    expect(await deleteSession(handle.db, sessionId)).toBe(true);
    expect(await resolveSession(handle.db, sessionId)).toBeNull();
    expect(await resolveSession(handle.db, '')).toBeNull();
    expect(await resolveSession(handle.db, 'x'.repeat(500))).toBeNull();
  });

  it('creates no session for an unknown tenant', async () => {
    expect(await createSession(handle.db, randomUUID())).toBeNull();
  });
});
