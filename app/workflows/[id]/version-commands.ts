/**
 * The editor's operations on one tenant's workflow versions and tables. The server actions in
 * `actions.ts` call them with the session's tenant; tests call them with a test database.
 */

import { z } from 'zod';

import type { DataTableInfo } from '@/engine/data';
import type { ValidationProblem, WorkflowGraph } from '@/engine/types';
import { validateGraph } from '@/engine/validate';
import type { ActionResult } from '@/lib/action-result';
import type { Database } from '@/lib/db/client';
import { listDataTables } from '@/lib/repositories/data-tables';
import {
  getLatestWorkflowVersion,
  getWorkflowVersion,
  listWorkflowVersions,
  saveWorkflowVersion,
  type WorkflowVersion,
} from '@/lib/repositories/workflow-versions';
import { getWorkflow } from '@/lib/repositories/workflows';

import { graphSchema } from './graph-schema';

const idSchema = z.string().trim().min(1, 'missing id').max(100);

export const workflowRefSchema = z.object({ id: idSchema });
export const saveSchema = z.object({ workflowId: idSchema, graph: graphSchema });
export const versionListSchema = z.object({ workflowId: idSchema });
export const versionRefSchema = z.object({ workflowId: idSchema, versionId: idSchema });

/** A version as the editor receives it. */
export interface VersionPayload {
  id: string;
  number: number;
  createdAt: string;
  graph: WorkflowGraph;
}

export interface VersionListEntry {
  id: string;
  number: number;
  createdAt: string;
}

function workflowNotFound(id: string): { ok: false; error: string } {
  return {
    ok: false,
    error: `Workflow "${id}" was not found; it may have been deleted. Go back to the workflow list.`,
  };
}

function toPayload(version: WorkflowVersion): VersionPayload {
  return {
    id: version.id,
    number: version.version,
    createdAt: version.createdAt.toISOString(),
    graph: version.graph,
  };
}

/** Loads a workflow with its newest version. */
export async function loadWorkflowCommand(
  db: Database,
  tenantId: string,
  input: z.infer<typeof workflowRefSchema>,
): Promise<ActionResult<{ workflow: { id: string; name: string }; version: VersionPayload }>> {
  const workflow = await getWorkflow(db, tenantId, input.id);
  const version = workflow && (await getLatestWorkflowVersion(db, tenantId, workflow.id));
  if (!workflow || !version) return workflowNotFound(input.id);

  return {
    ok: true,
    workflow: { id: workflow.id, name: workflow.name },
    version: toPayload(version),
  };
}

/**
 * Saves the graph as the workflow's next immutable version. The result lists the validation
 * problems that keep the version from running, each naming its block; they do not stop the save.
 */
export async function saveVersionCommand(
  db: Database,
  tenantId: string,
  input: z.infer<typeof saveSchema>,
): Promise<
  ActionResult<{ version: { id: string; number: number }; problems: ValidationProblem[] }>
> {
  const saved = await saveWorkflowVersion(db, tenantId, input.workflowId, input.graph);
  if (!saved) return workflowNotFound(input.workflowId);

  const problems = validateGraph(input.graph);
  return { ok: true, version: { id: saved.id, number: saved.version }, problems };
}

/** Lists the workflow's versions, newest first. */
export async function listVersionsCommand(
  db: Database,
  tenantId: string,
  input: z.infer<typeof versionListSchema>,
): Promise<ActionResult<{ versions: VersionListEntry[] }>> {
  const workflow = await getWorkflow(db, tenantId, input.workflowId);
  if (!workflow) return workflowNotFound(input.workflowId);

  const versions = await listWorkflowVersions(db, tenantId, workflow.id);
  const entries = versions.map((version) => ({
    id: version.id,
    number: version.version,
    createdAt: version.createdAt.toISOString(),
  }));
  return { ok: true, versions: entries };
}

/** Loads one version of the workflow with its graph. */
export async function getVersionCommand(
  db: Database,
  tenantId: string,
  input: z.infer<typeof versionRefSchema>,
): Promise<ActionResult<{ version: VersionPayload }>> {
  const version = await getWorkflowVersion(db, tenantId, input.versionId);
  if (!version || version.workflowId !== input.workflowId) {
    return {
      ok: false,
      error: `Version "${input.versionId}" of workflow "${input.workflowId}" was not found; reload the version list.`,
    };
  }

  return { ok: true, version: toPayload(version) };
}

/** Lists the tenant's data tables with their columns, for the table and column pickers. */
export async function listTablesCommand(
  db: Database,
  tenantId: string,
): Promise<ActionResult<{ tables: DataTableInfo[] }>> {
  const tables = await listDataTables(db, tenantId);
  return { ok: true, tables: tables.map(({ id, name, columns }) => ({ id, name, columns })) };
}
