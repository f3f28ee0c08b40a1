import { WorkflowList } from '@/components/editor/workflow-list/WorkflowList';
import type { WorkflowRow } from '@/components/editor/workflow-list/types';
import { getDatabase } from '@/lib/db/client';
import { listWorkflows } from '@/lib/repositories/workflows';
import { requireSessionTenant } from '@/lib/session';

export default async function WorkflowsPage() {
  const tenant = await requireSessionTenant('/');
  const { db } = await getDatabase();
  const workflows = await listWorkflows(db, tenant.id);

  const rows: WorkflowRow[] = workflows.map((workflow) => ({
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    latestVersion: workflow.latestVersion,
    updatedAt: workflow.updatedAt.toISOString(),
    lastRun: workflow.lastRun && {
      ...workflow.lastRun,
      startedAt: workflow.lastRun.startedAt.toISOString(),
    },
  }));

  return (
    <main className="page">
      <WorkflowList workflows={rows} tenantSlug={tenant.slug} />
    </main>
  );
}
