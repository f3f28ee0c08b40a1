'use server';

import { z } from 'zod';

import type { DataTableInfo } from '@/engine/data';
import type { ValidationProblem, WorkflowGraph } from '@/engine/types';
import { validateGraph } from '@/engine/validate';
import { describeIssues, runAction, type ActionResult } from '@/lib/action-result';
import { getDatabase } from '@/lib/db/client';
import { listDataTables } from '@/lib/repositories/data-tables';
import {
  getLatestWorkflowVersion,
  getWorkflowVersion,
  listWorkflowVersions,
  saveWorkflowVersion,
} from '@/lib/repositories/workflow-versions';
import { getWorkflow } from '@/lib/repositories/workflows';
import { getSessionTenantId } from '@/lib/session';

import { graphSchema } from './graph-schema';

const idSchema = z.string().trim().min(1, 'missing id').max(100);

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

function invalid(what: string, error: z.ZodError): { ok: false; error: string } {
  return { ok: false, error: `${what}: ${describeIssues(error)}.` };
}

/** Loads a workflow with its newest version. */
export async function loadWorkflowAction(input: {
  id: string;
}): Promise<ActionResult<{ workflow: { id: string; name: string }; version: VersionPayload }>> {
  const parsed = z.object({ id: idSchema }).safeParse(input);
  if (!parsed.success) return invalid('Invalid workflow request', parsed.error);

  return runAction('Loading the workflow', async () => {
    const tenantId = await getSessionTenantId();
    const { db } = await getDatabase();
    const workflow = await getWorkflow(db, tenantId, parsed.data.id);
    const version = workflow && (await getLatestWorkflowVersion(db, tenantId, workflow.id));
    if (!workflow || !version) return workflowNotFound(parsed.data.id);

    return {
      ok: true,
      workflow: { id: workflow.id, name: workflow.name },
      version: {
        id: version.id,
        number: version.version,
        createdAt: version.createdAt.toISOString(),
        graph: version.graph,
      },
    };
  });
}

/** Saves the graph as the workflow's next immutable version. */
export async function saveVersionAction(input: {
  workflowId: string;
  graph: WorkflowGraph;
}): Promise<ActionResult<{ version: { id: string; number: number } }>> {
  const parsed = z.object({ workflowId: idSchema, graph: graphSchema }).safeParse(input);
  if (!parsed.success)
    return invalid('The workflow was not saved because the graph is invalid', parsed.error);

  return runAction('Saving the workflow', async () => {
    const tenantId = await getSessionTenantId();
    const { db } = await getDatabase();
    const saved = await saveWorkflowVersion(
      db,
      tenantId,
      parsed.data.workflowId,
      parsed.data.graph,
    );
    if (!saved) return workflowNotFound(parsed.data.workflowId);

    // NOTE: no revalidatePath here. It would re-render the open workbench page in the action's
    // response, and the list page is rendered per request anyway.
    return { ok: true, version: { id: saved.id, number: saved.version } };
  });
}

/** Lists the workflow's versions, newest first. */
export async function listVersionsAction(input: {
  workflowId: string;
}): Promise<ActionResult<{ versions: VersionListEntry[] }>> {
  const parsed = z.object({ workflowId: idSchema }).safeParse(input);
  if (!parsed.success) return invalid('Invalid version list request', parsed.error);

  return runAction('Listing versions', async () => {
    const tenantId = await getSessionTenantId();
    const { db } = await getDatabase();
    const workflow = await getWorkflow(db, tenantId, parsed.data.workflowId);
    if (!workflow) return workflowNotFound(parsed.data.workflowId);

    const versions = await listWorkflowVersions(db, tenantId, workflow.id);
    return {
      ok: true,
      versions: versions.map((version) => ({
        id: version.id,
        number: version.version,
        createdAt: version.createdAt.toISOString(),
      })),
    };
  });
}

/** Loads one version of the workflow with its graph. */
export async function getVersionAction(input: {
  workflowId: string;
  versionId: string;
}): Promise<ActionResult<{ version: VersionPayload }>> {
  const parsed = z.object({ workflowId: idSchema, versionId: idSchema }).safeParse(input);
  if (!parsed.success) return invalid('Invalid version request', parsed.error);

  return runAction<{ version: VersionPayload }>('Loading the version', async () => {
    const tenantId = await getSessionTenantId();
    const { db } = await getDatabase();
    const version = await getWorkflowVersion(db, tenantId, parsed.data.versionId);
    if (!version || version.workflowId !== parsed.data.workflowId) {
      return {
        ok: false,
        error: `Version "${parsed.data.versionId}" of this workflow was not found; reload the version list.`,
      };
    }

    return {
      ok: true,
      version: {
        id: version.id,
        number: version.version,
        createdAt: version.createdAt.toISOString(),
        graph: version.graph,
      },
    };
  });
}

/** Runs the engine's graph validation; the editor shows the problems on the blocks. */
export async function validateGraphAction(input: {
  graph: unknown;
}): Promise<ActionResult<{ problems: ValidationProblem[] }>> {
  return runAction('Validating the workflow', async () => {
    await getSessionTenantId();
    return { ok: true, problems: validateGraph(input?.graph) };
  });
}

/** Lists the tenant's data tables with their columns, for the table and column pickers. */
export async function listTablesAction(): Promise<ActionResult<{ tables: DataTableInfo[] }>> {
  return runAction('Listing data tables', async () => {
    const tenantId = await getSessionTenantId();
    const { db } = await getDatabase();
    const tables = await listDataTables(db, tenantId);

    return {
      ok: true,
      tables: tables.map(({ id, name, columns }) => ({ id, name, columns })),
    };
  });
}
