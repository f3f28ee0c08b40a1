'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';

import { describeIssues, runAction, type ActionResult } from '@/lib/action-result';
import { getDatabase } from '@/lib/db/client';
import {
  createWorkflow,
  deleteWorkflow,
  duplicateWorkflow,
  renameWorkflow,
} from '@/lib/repositories/workflows';
import { getSessionTenantId } from '@/lib/session';

import { starterGraph } from './starter-graph';

const idSchema = z.string().trim().min(1, 'missing workflow id').max(100);
const nameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

function notFound(id: string): { ok: false; error: string } {
  return {
    ok: false,
    error: `Workflow "${id}" was not found; it may have been deleted. Reload the list.`,
  };
}

function invalid(what: string, error: z.ZodError): { ok: false; error: string } {
  return { ok: false, error: `${what}: ${describeIssues(error)}.` };
}

/** Creates a workflow whose version 1 is an input block connected to an output block. */
export async function createWorkflowAction(input: {
  name: string;
}): Promise<ActionResult<{ id: string }>> {
  const parsed = z.object({ name: nameSchema }).safeParse(input);
  if (!parsed.success) return invalid('Invalid workflow name', parsed.error);

  return runAction('Creating the workflow', async () => {
    const tenantId = await getSessionTenantId();
    const { db } = await getDatabase();
    const created = await createWorkflow(db, tenantId, {
      name: parsed.data.name,
      graph: starterGraph(),
    });

    revalidatePath('/');
    return { ok: true, id: created.workflow.id };
  });
}

export async function renameWorkflowAction(input: {
  id: string;
  name: string;
}): Promise<ActionResult> {
  const parsed = z.object({ id: idSchema, name: nameSchema }).safeParse(input);
  if (!parsed.success) return invalid('Invalid rename request', parsed.error);

  return runAction('Renaming the workflow', async () => {
    const tenantId = await getSessionTenantId();
    const { db } = await getDatabase();
    const renamed = await renameWorkflow(db, tenantId, parsed.data.id, parsed.data.name);
    if (!renamed) return notFound(parsed.data.id);

    revalidatePath('/');
    revalidatePath(`/workflows/${parsed.data.id}`);
    return { ok: true };
  });
}

/** Copies the workflow's latest version into a new workflow named "<name> (copy)". */
export async function duplicateWorkflowAction(input: {
  id: string;
}): Promise<ActionResult<{ id: string }>> {
  const parsed = z.object({ id: idSchema }).safeParse(input);
  if (!parsed.success) return invalid('Invalid duplicate request', parsed.error);

  return runAction('Duplicating the workflow', async () => {
    const tenantId = await getSessionTenantId();
    const { db } = await getDatabase();
    const copy = await duplicateWorkflow(db, tenantId, parsed.data.id);
    if (!copy) return notFound(parsed.data.id);

    revalidatePath('/');
    return { ok: true, id: copy.workflow.id };
  });
}

/** Deletes a workflow with its versions and runs. */
export async function deleteWorkflowAction(input: { id: string }): Promise<ActionResult> {
  const parsed = z.object({ id: idSchema }).safeParse(input);
  if (!parsed.success) return invalid('Invalid delete request', parsed.error);

  return runAction('Deleting the workflow', async () => {
    const tenantId = await getSessionTenantId();
    const { db } = await getDatabase();
    const deleted = await deleteWorkflow(db, tenantId, parsed.data.id);
    if (!deleted) return notFound(parsed.data.id);

    revalidatePath('/');
    return { ok: true };
  });
}
