import { notFound } from 'next/navigation';

import type { WorkflowWorkbenchProps } from '@/components/editor/WorkflowWorkbench';
import { getDatabase } from '@/lib/db/client';
import { getLatestWorkflowVersion, getWorkflowVersion } from '@/lib/repositories/workflow-versions';
import { getWorkflow } from '@/lib/repositories/workflows';
import { requireSessionTenant } from '@/lib/session';

/**
 * Loads what the workbench opens with: the workflow and a version of it (the newest, or
 * `versionId`, read-only when older). Responds 404 for a workflow or version the session's
 * tenant does not have.
 */
export async function loadWorkbench(
  workflowId: string,
  path: string,
  versionId?: string,
): Promise<Omit<WorkflowWorkbenchProps, 'initialRun'>> {
  const tenant = await requireSessionTenant(path);
  const { db } = await getDatabase();
  const workflow = await getWorkflow(db, tenant.id, workflowId);
  const latest = workflow && (await getLatestWorkflowVersion(db, tenant.id, workflow.id));
  if (!workflow || !latest) notFound();

  const requested = versionId ? await getWorkflowVersion(db, tenant.id, versionId) : latest;
  const version = requested?.workflowId === workflow.id ? requested : latest;

  return {
    workflow: { id: workflow.id, name: workflow.name },
    version: { id: version.id, number: version.version, graph: version.graph },
    latestVersionNumber: latest.version,
  };
}
