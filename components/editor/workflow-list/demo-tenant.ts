/** Slug of the tenant that contains the demo data and workflows. */
export const DEMO_TENANT_SLUG = 'demo';
