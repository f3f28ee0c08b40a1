import { and, desc, eq, max, sql } from 'drizzle-orm';

import type { ExecutionMode, WorkflowGraph } from '../../engine/types';
import {
  runsTable,
  workflowsTable,
  workflowVersionsTable,
  type RunRecord,
  type WorkflowRecord,
} from '../../drizzle/schema';
import type { Database } from '../db/client';
import { InvalidInputError } from './errors';
import { checkName, isUuid } from './ids';
import {
  getLatestWorkflowVersion,
  saveWorkflowVersion,
  type WorkflowVersion,
} from './workflow-versions';

export const MAX_WORKFLOW_NAME_LENGTH = 200;

const EMPTY_GRAPH: WorkflowGraph = { nodes: [], edges: [] };

export interface NewWorkflow {
  name: string;
  description?: string;
  /** The graph of version 1; default an empty graph. */
  graph?: WorkflowGraph;
}

export interface WorkflowWithVersion {
  workflow: WorkflowRecord;
  version: WorkflowVersion;
}

/** The latest run of a workflow as the workflow list shows it. */
export interface LastRunSummary {
  id: string;
  mode: ExecutionMode;
  status: RunRecord['status'];
  totalDurationMs: number | null;
  startedAt: Date;
}

export interface WorkflowSummary extends WorkflowRecord {
  /** Number of the newest version; null only while a workflow is being created. */
  latestVersion: number | null;
  lastRun: LastRunSummary | null;
}

/** Lists the tenant's workflows, most recently changed first, with their last run. */
export async function listWorkflows(db: Database, tenantId: string): Promise<WorkflowSummary[]> {
  if (!isUuid(tenantId)) return [];

  const workflows = await db
    .select()
    .from(workflowsTable)
    .where(eq(workflowsTable.tenantId, tenantId))
    .orderBy(desc(workflowsTable.updatedAt), desc(workflowsTable.createdAt));
  const versions = await db
    .select({
      workflowId: workflowVersionsTable.workflowId,
      latest: max(workflowVersionsTable.version),
    })
    .from(workflowVersionsTable)
    .where(eq(workflowVersionsTable.tenantId, tenantId))
    .groupBy(workflowVersionsTable.workflowId);
  const lastRuns = await listLastRuns(db, tenantId);

  const latestByWorkflow = new Map(versions.map((row) => [row.workflowId, row.latest]));
  return workflows.map((workflow) => ({
    ...workflow,
    latestVersion: latestByWorkflow.get(workflow.id) ?? null,
    lastRun: lastRuns.get(workflow.id) ?? null,
  }));
}

async function listLastRuns(db: Database, tenantId: string): Promise<Map<string, LastRunSummary>> {
  const rows = await db
    .selectDistinctOn([runsTable.workflowId], {
      workflowId: runsTable.workflowId,
      id: runsTable.id,
      mode: runsTable.mode,
      status: runsTable.status,
      totalDurationMs: runsTable.totalDurationMs,
      startedAt: runsTable.startedAt,
    })
    .from(runsTable)
    .where(eq(runsTable.tenantId, tenantId))
    .orderBy(runsTable.workflowId, desc(runsTable.startedAt), desc(runsTable.id));

  return new Map(rows.map(({ workflowId, ...run }) => [workflowId, run]));
}

export async function getWorkflow(
  db: Database,
  tenantId: string,
  workflowId: string,
): Promise<WorkflowRecord | null> {
  if (!isUuid(tenantId) || !isUuid(workflowId)) return null;

  const [workflow] = await db
    .select()
    .from(workflowsTable)
    .where(and(eq(workflowsTable.id, workflowId), eq(workflowsTable.tenantId, tenantId)));
  return workflow ?? null;
}

/** Creates a workflow and its version 1 in one transaction. */
export async function createWorkflow(
  db: Database,
  tenantId: string,
  workflow: NewWorkflow,
): Promise<WorkflowWithVersion> {
  const name = validateWorkflowName(workflow.name);
  const description = workflow.description?.trim() ?? '';

  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(workflowsTable)
      .values({ tenantId, name, description })
      .returning();
    const version = await saveWorkflowVersion(
      tx,
      tenantId,
      created!.id,
      workflow.graph ?? EMPTY_GRAPH,
    );
    const [touched] = await tx
      .select()
      .from(workflowsTable)
      .where(eq(workflowsTable.id, created!.id));

    return { workflow: touched!, version: version! };
  });
}

/** Renames a workflow; null when the tenant has no such workflow. */
export async function renameWorkflow(
  db: Database,
  tenantId: string,
  workflowId: string,
  name: string,
): Promise<WorkflowRecord | null> {
  const validName = validateWorkflowName(name);
  if (!isUuid(tenantId) || !isUuid(workflowId)) return null;

  const [renamed] = await db
    .update(workflowsTable)
    .set({ name: validName, updatedAt: sql`now()` })
    .where(and(eq(workflowsTable.id, workflowId), eq(workflowsTable.tenantId, tenantId)))
    .returning();
  return renamed ?? null;
}

/**
 * Copies a workflow's latest version into a new workflow named `name` (default
 * "<name> (copy)"), as its version 1. Runs are not copied. Null when the tenant has no such
 * workflow.
 */
export async function duplicateWorkflow(
  db: Database,
  tenantId: string,
  workflowId: string,
  name?: string,
): Promise<WorkflowWithVersion | null> {
  const source = await getWorkflow(db, tenantId, workflowId);
  if (!source) return null;

  const latest = await getLatestWorkflowVersion(db, tenantId, workflowId);
  return createWorkflow(db, tenantId, {
    name: name ?? copyName(source.name),
    description: source.description,
    graph: latest?.graph ?? EMPTY_GRAPH,
  });
}

/** Deletes a workflow with its versions and runs; false when the tenant has no such workflow. */
export async function deleteWorkflow(
  db: Database,
  tenantId: string,
  workflowId: string,
): Promise<boolean> {
  if (!isUuid(tenantId) || !isUuid(workflowId)) return false;

  const deleted = await db
    .delete(workflowsTable)
    .where(and(eq(workflowsTable.id, workflowId), eq(workflowsTable.tenantId, tenantId)))
    .returning({ id: workflowsTable.id });
  return deleted.length > 0;
}

function copyName(name: string): string {
  const suffix = ' (copy)';
  return name.slice(0, MAX_WORKFLOW_NAME_LENGTH - suffix.length) + suffix;
}

function validateWorkflowName(value: string): string {
  const checked = checkName(value, MAX_WORKFLOW_NAME_LENGTH);
  if ('problem' in checked) {
    throw new InvalidInputError(
      `Workflow name ${JSON.stringify(value)} ${checked.problem}`,
      'name',
    );
  }

  return checked.name;
}
