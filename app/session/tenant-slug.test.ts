import { describe, expect, it } from 'vitest';

import { parseTenantSlug } from './tenant-slug';

describe('tenant slug', () => {
  it.each([
    ['demo', 'demo'],
    ['  Acme-2 ', 'acme-2'],
    ['a', 'a'],
  ])('accepts %j as %j', (value, slug) => {
    expect(parseTenantSlug(value)).toEqual({ slug });
  });

  it.each(['', '-acme', 'acme-', 'bad_slug', 'a'.repeat(64), '../demo'])('rejects %j', (value) => {
    expect(parseTenantSlug(value)).toEqual({
      error: `Tenant slug ${JSON.stringify(value)} is invalid: use 1 to 63 lowercase letters, digits and inner hyphens.`,
    });
  });
});
