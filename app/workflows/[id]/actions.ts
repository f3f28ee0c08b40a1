'use server';

import type { z } from 'zod';

import type { DataTableInfo } from '@/engine/data';
import type { ValidationProblem, WorkflowGraph } from '@/engine/types';
import { validateGraph } from '@/engine/validate';
import { describeIssues, runAction, type ActionResult } from '@/lib/action-result';
import { getDatabase, type Database } from '@/lib/db/client';
import { getSessionTenantId } from '@/lib/session';

import {
  getVersionCommand,
  listTablesCommand,
  listVersionsCommand,
  loadWorkflowCommand,
  saveSchema,
  saveVersionCommand,
  versionListSchema,
  versionRefSchema,
  workflowRefSchema,
  type VersionListEntry,
  type VersionPayload,
} from './version-commands';

/** Validates the input, then runs the command on the session's tenant. */
async function perform<S extends z.ZodType, T extends object>(
  what: string,
  schema: S,
  input: unknown,
  command: (db: Database, tenantId: string, input: z.infer<S>) => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: `${what} failed: ${describeIssues(parsed.error)}.` };
  }

  return runAction(what, async () => {
    const tenantId = await getSessionTenantId();
    const { db } = await getDatabase();
    return command(db, tenantId, parsed.data);
  });
}

/** Loads a workflow with its newest version. */
export async function loadWorkflowAction(input: {
  id: string;
}): Promise<ActionResult<{ workflow: { id: string; name: string }; version: VersionPayload }>> {
  return perform('Loading the workflow', workflowRefSchema, input, loadWorkflowCommand);
}

/**
 * Saves the graph as the workflow's next immutable version. The open page is not revalidated:
 * that would re-render and remount the workbench, and the list page renders per request anyway.
 */
export async function saveVersionAction(input: {
  workflowId: string;
  graph: WorkflowGraph;
}): Promise<
  ActionResult<{ version: { id: string; number: number }; problems: ValidationProblem[] }>
> {
  return perform('Saving the workflow', saveSchema, input, saveVersionCommand);
}

/** Lists the workflow's versions, newest first. */
export async function listVersionsAction(input: {
  workflowId: string;
}): Promise<ActionResult<{ versions: VersionListEntry[] }>> {
  return perform('Listing versions', versionListSchema, input, listVersionsCommand);
}

/** Loads one version of the workflow with its graph. */
export async function getVersionAction(input: {
  workflowId: string;
  versionId: string;
}): Promise<ActionResult<{ version: VersionPayload }>> {
  return perform('Loading the version', versionRefSchema, input, getVersionCommand);
}

/** Runs the engine's graph validation, which parses expressions and code in the sandbox. */
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
    return listTablesCommand(db, tenantId);
  });
}
