/** Slug of the tenant that holds the demo data and workflows. */
export const DEMO_TENANT_SLUG = 'demo';
