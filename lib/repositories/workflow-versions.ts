import { and, desc, eq, max, sql } from 'drizzle-orm';

import type { WorkflowGraph } from '../../engine/types';
import {
  workflowsTable,
  workflowVersionsTable,
  type WorkflowVersionRecord,
} from '../../drizzle/schema';
import type { Database } from '../db/client';
import { isUuid } from './ids';

/** A version without its graph, for version lists. */
export type WorkflowVersionSummary = Omit<WorkflowVersionRecord, 'graph'>;

/** A version whose graph is typed as the engine reads it. */
export type WorkflowVersion = Omit<WorkflowVersionRecord, 'graph'> & { graph: WorkflowGraph };

/**
 * Saves a graph as the workflow's next version (1, 2, ...) and touches the workflow's
 * `updatedAt`. The workflow row is locked for the transaction, so concurrent saves get
 * consecutive numbers. Returns null when the tenant has no such workflow.
 */
export async function saveWorkflowVersion(
  db: Database,
  tenantId: string,
  workflowId: string,
  graph: WorkflowGraph,
): Promise<WorkflowVersion | null> {
  if (!isUuid(tenantId) || !isUuid(workflowId)) return null;

  return db.transaction(async (tx) => {
    const [workflow] = await tx
      .select({ id: workflowsTable.id })
      .from(workflowsTable)
      .where(and(eq(workflowsTable.id, workflowId), eq(workflowsTable.tenantId, tenantId)))
      .for('update');
    if (!workflow) return null;

    const [latest] = await tx
      .select({ version: max(workflowVersionsTable.version) })
      .from(workflowVersionsTable)
      .where(eq(workflowVersionsTable.workflowId, workflowId));
    const [created] = await tx
      .insert(workflowVersionsTable)
      .values({ tenantId, workflowId, version: (latest?.version ?? 0) + 1, graph })
      .returning();
    await tx
      .update(workflowsTable)
      .set({ updatedAt: sql`now()` })
      .where(eq(workflowsTable.id, workflowId));

    return created as WorkflowVersion;
  });
}

/** Lists a workflow's versions, newest first, without graphs; empty for an unknown workflow. */
export async function listWorkflowVersions(
  db: Database,
  tenantId: string,
  workflowId: string,
): Promise<WorkflowVersionSummary[]> {
  if (!isUuid(tenantId) || !isUuid(workflowId)) return [];

  return db
    .select({
      id: workflowVersionsTable.id,
      tenantId: workflowVersionsTable.tenantId,
      workflowId: workflowVersionsTable.workflowId,
      version: workflowVersionsTable.version,
      createdAt: workflowVersionsTable.createdAt,
    })
    .from(workflowVersionsTable)
    .where(
      and(
        eq(workflowVersionsTable.workflowId, workflowId),
        eq(workflowVersionsTable.tenantId, tenantId),
      ),
    )
    .orderBy(desc(workflowVersionsTable.version));
}

export async function getWorkflowVersion(
  db: Database,
  tenantId: string,
  versionId: string,
): Promise<WorkflowVersion | null> {
  if (!isUuid(tenantId) || !isUuid(versionId)) return null;

  const [version] = await db
    .select()
    .from(workflowVersionsTable)
    .where(
      and(eq(workflowVersionsTable.id, versionId), eq(workflowVersionsTable.tenantId, tenantId)),
    );
  return (version as WorkflowVersion | undefined) ?? null;
}

/** Returns the workflow's newest version; null when the tenant has no such workflow. */
export async function getLatestWorkflowVersion(
  db: Database,
  tenantId: string,
  workflowId: string,
): Promise<WorkflowVersion | null> {
  if (!isUuid(tenantId) || !isUuid(workflowId)) return null;

  const [version] = await db
    .select()
    .from(workflowVersionsTable)
    .where(
      and(
        eq(workflowVersionsTable.workflowId, workflowId),
        eq(workflowVersionsTable.tenantId, tenantId),
      ),
    )
    .orderBy(desc(workflowVersionsTable.version))
    .limit(1);
  return (version as WorkflowVersion | undefined) ?? null;
}
