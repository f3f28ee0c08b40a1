'use server';

import { revalidatePath } from 'next/cache';
import type { z } from 'zod';

import { runAction, type ActionResult } from '@/lib/action-result';
import { getDatabase } from '@/lib/db/client';
import { getSessionTenantId } from '@/lib/session';

import {
  createSchema,
  createWorkflowCommand,
  deleteWorkflowCommand,
  duplicateWorkflowCommand,
  invalidRequest,
  renameSchema,
  renameWorkflowCommand,
  workflowRefSchema,
} from './workflow-list-commands';

type Command<I, T extends object> = (
  db: Awaited<ReturnType<typeof getDatabase>>['db'],
  tenantId: string,
  input: I,
) => Promise<ActionResult<T>>;

/** Validates the input, runs the command on the session's tenant and refreshes the list. */
async function perform<S extends z.ZodType, T extends object>(
  what: string,
  schema: S,
  input: unknown,
  command: Command<z.infer<S>, T>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalidRequest(`${what} failed`, parsed.error);

  return runAction(what, async () => {
    const tenantId = await getSessionTenantId();
    const { db } = await getDatabase();
    const result = await command(db, tenantId, parsed.data);

    if (result.ok) revalidatePath('/');
    return result;
  });
}

export async function createWorkflowAction(input: {
  name: string;
}): Promise<ActionResult<{ id: string }>> {
  return perform('Creating the workflow', createSchema, input, createWorkflowCommand);
}

export async function renameWorkflowAction(input: {
  id: string;
  name: string;
}): Promise<ActionResult> {
  return perform('Renaming the workflow', renameSchema, input, renameWorkflowCommand);
}

export async function duplicateWorkflowAction(input: {
  id: string;
}): Promise<ActionResult<{ id: string }>> {
  return perform('Duplicating the workflow', workflowRefSchema, input, duplicateWorkflowCommand);
}

export async function deleteWorkflowAction(input: { id: string }): Promise<ActionResult> {
  return perform('Deleting the workflow', workflowRefSchema, input, deleteWorkflowCommand);
}
