/**
 * The workflow list's operations on one tenant's data. The server actions in `actions.ts` call
 * them with the session's tenant; tests call them with a test database.
 */

import { z } from 'zod';

import { describeIssues, type ActionResult } from '@/lib/action-result';
import type { Database } from '@/lib/db/client';
import {
  createWorkflow,
  deleteWorkflow,
  duplicateWorkflow,
  renameWorkflow,
} from '@/lib/repositories/workflows';

import { starterGraph } from './starter-graph';

const idSchema = z.string().trim().min(1, 'missing workflow id').max(100);
const nameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

export const createSchema = z.object({ name: nameSchema });
export const renameSchema = z.object({ id: idSchema, name: nameSchema });
export const workflowRefSchema = z.object({ id: idSchema });

export function workflowNotFound(id: string): { ok: false; error: string } {
  return {
    ok: false,
    error: `Workflow "${id}" was not found; it may have been deleted. Reload the list.`,
  };
}

export function invalidRequest(what: string, error: z.ZodError): { ok: false; error: string } {
  return { ok: false, error: `${what}: ${describeIssues(error)}.` };
}

/** Creates a workflow whose version 1 is an input block connected to an output block. */
export async function createWorkflowCommand(
  db: Database,
  tenantId: string,
  input: z.infer<typeof createSchema>,
): Promise<ActionResult<{ id: string }>> {
  const created = await createWorkflow(db, tenantId, { name: input.name, graph: starterGraph() });
  return { ok: true, id: created.workflow.id };
}

export async function renameWorkflowCommand(
  db: Database,
  tenantId: string,
  input: z.infer<typeof renameSchema>,
): Promise<ActionResult> {
  const renamed = await renameWorkflow(db, tenantId, input.id, input.name);
  return renamed ? { ok: true } : workflowNotFound(input.id);
}

/** Copies the workflow's latest version into a new workflow named "<name> (copy)". */
export async function duplicateWorkflowCommand(
  db: Database,
  tenantId: string,
  input: z.infer<typeof workflowRefSchema>,
): Promise<ActionResult<{ id: string }>> {
  const copy = await duplicateWorkflow(db, tenantId, input.id);
  return copy ? { ok: true, id: copy.workflow.id } : workflowNotFound(input.id);
}

/** Deletes a workflow with its versions and runs. */
export async function deleteWorkflowCommand(
  db: Database,
  tenantId: string,
  input: z.infer<typeof workflowRefSchema>,
): Promise<ActionResult> {
  const deleted = await deleteWorkflow(db, tenantId, input.id);
  return deleted ? { ok: true } : workflowNotFound(input.id);
}
