import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/lib/db/client';
import { getLatestWorkflowVersion } from '@/lib/repositories/workflow-versions';
import { listWorkflows } from '@/lib/repositories/workflows';
import { createTestTenant, openTestDatabase } from '@/test/database';

import { starterGraph } from './starter-graph';
import {
  createSchema,
  createWorkflowCommand,
  deleteWorkflowCommand,
  duplicateWorkflowCommand,
  invalidRequest,
  renameWorkflowCommand,
} from './workflow-list-commands';

let handle: DatabaseHandle;
let tenantId: string;
let otherTenantId: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'list');
  otherTenantId = await createTestTenant(handle, 'other');
});

afterAll(async () => {
  await handle.close();
});

describe('workflow list commands', () => {
  it('creates a workflow with the starter graph as version 1', async () => {
    const result = await createWorkflowCommand(handle.db, tenantId, { name: 'Orders' });

    expect(result.ok).toBe(true);
    const id = (result as { id: string }).id;
    const version = await getLatestWorkflowVersion(handle.db, tenantId, id);
    expect(version?.version).toBe(1);
    expect(version?.graph).toEqual(starterGraph());
  });

  it('renames, duplicates and deletes within the tenant', async () => {
    const created = await createWorkflowCommand(handle.db, tenantId, { name: 'Draft' });
    const id = (created as { id: string }).id;

    const renamed = await renameWorkflowCommand(handle.db, tenantId, { id, name: 'Final' });
    const copy = await duplicateWorkflowCommand(handle.db, tenantId, { id });
    const deleted = await deleteWorkflowCommand(handle.db, tenantId, { id });

    expect(renamed).toEqual({ ok: true });
    expect(copy.ok).toBe(true);
    expect(deleted).toEqual({ ok: true });
    const names = (await listWorkflows(handle.db, tenantId)).map((workflow) => workflow.name);
    expect(names).toContain('Final (copy)');
    expect(names).not.toContain('Final');
  });

  it("reports another tenant's workflow as not found", async () => {
    const created = await createWorkflowCommand(handle.db, tenantId, { name: 'Private' });
    const id = (created as { id: string }).id;
    const notFound = {
      ok: false,
      error: `Workflow "${id}" was not found; it may have been deleted. Reload the list.`,
    };

    expect(await renameWorkflowCommand(handle.db, otherTenantId, { id, name: 'Taken' })).toEqual(
      notFound,
    );
    expect(await duplicateWorkflowCommand(handle.db, otherTenantId, { id })).toEqual(notFound);
    expect(await deleteWorkflowCommand(handle.db, otherTenantId, { id })).toEqual(notFound);
    expect((await listWorkflows(handle.db, tenantId)).some((w) => w.name === 'Private')).toBe(true);
  });

  it('reports a malformed id as not found', async () => {
    const result = await deleteWorkflowCommand(handle.db, tenantId, { id: 'not-a-uuid' });

    expect(result).toEqual({
      ok: false,
      error: 'Workflow "not-a-uuid" was not found; it may have been deleted. Reload the list.',
    });
  });

  it('rejects an empty name with the field and the reason', () => {
    const parsed = createSchema.safeParse({ name: '   ' });

    expect(parsed.success).toBe(false);
    expect(invalidRequest('Creating the workflow failed', parsed.error!)).toEqual({
      ok: false,
      error: 'Creating the workflow failed: name: must not be empty.',
    });
  });
});
