'use client';

import { Button } from '@/components/ui/Button';

import { DEMO_TENANT_SLUG } from './demo-tenant';

/** Tells a tenant without workflows where the demo workflows are, and offers to create one. */
export function EmptyWorkflowList({
  tenantSlug,
  onCreate,
}: {
  tenantSlug: string;
  onCreate: () => void;
}) {
  const isDemo = tenantSlug === DEMO_TENANT_SLUG;

  return (
    <div className="empty-state" data-testid="empty-workflows">
      <h2>No workflows yet</h2>
      {isDemo ? (
        <p>This tenant has no workflows. Create one to start building.</p>
      ) : (
        <p>
          Tenant <code>{tenantSlug}</code> has no workflows. The demo workflows live in the{' '}
          <code>{DEMO_TENANT_SLUG}</code> tenant:{' '}
          <a href={`/session?tenant=${DEMO_TENANT_SLUG}`} data-testid="open-demo-tenant">
            switch to the demo tenant
          </a>
          , or create a workflow here.
        </p>
      )}
      <Button variant="primary" onClick={onCreate}>
        Create a workflow
      </Button>
    </div>
  );
}
