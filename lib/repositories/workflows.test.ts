import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '../../engine/types';
import { createTestTenant, openTestDatabase } from '../../test/database';
import type { DatabaseHandle } from '../db/client';
import { createRun } from './runs';
import {
  getLatestWorkflowVersion,
  getWorkflowVersion,
  listWorkflowVersions,
  saveWorkflowVersion,
} from './workflow-versions';
import {
  createWorkflow,
  deleteWorkflow,
  duplicateWorkflow,
  getWorkflow,
  listWorkflows,
  renameWorkflow,
} from './workflows';

let handle: DatabaseHandle;
let tenantId: string;
let otherTenantId: string;

function graphNamed(name: string): WorkflowGraph {
  return { nodes: [{ id: name, type: 'output', config: { value: `'${name}'` } }], edges: [] };
}

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'workflows');
  otherTenantId = await createTestTenant(handle, 'workflows-other');
});

afterAll(async () => {
  await handle?.close();
});

describe('workflows', () => {
  it('creates a workflow with version 1', async () => {
    const { workflow, version } = await createWorkflow(handle.db, tenantId, {
      name: 'Orders',
      description: 'Daily orders',
      graph: graphNamed('v1'),
    });

    expect(workflow).toMatchObject({ tenantId, name: 'Orders', description: 'Daily orders' });
    expect(version).toMatchObject({ workflowId: workflow.id, version: 1, graph: graphNamed('v1') });
  });

  it('starts with an empty graph by default', async () => {
    const { version } = await createWorkflow(handle.db, tenantId, { name: 'Blank' });

    expect(version.graph).toEqual({ nodes: [], edges: [] });
  });

  it('rejects an empty name', async () => {
    await expect(createWorkflow(handle.db, tenantId, { name: ' ' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Workflow name " " must not be empty',
    });
  });

  it('renames a workflow of the tenant only', async () => {
    const { workflow } = await createWorkflow(handle.db, tenantId, { name: 'Old' });

    expect(await renameWorkflow(handle.db, otherTenantId, workflow.id, 'Stolen')).toBeNull();
    expect(await renameWorkflow(handle.db, tenantId, workflow.id, 'New')).toMatchObject({
      name: 'New',
    });
    expect(await getWorkflow(handle.db, tenantId, workflow.id)).toMatchObject({ name: 'New' });
  });

  it('duplicates the latest version into a new workflow', async () => {
    const { workflow } = await createWorkflow(handle.db, tenantId, {
      name: 'Source',
      graph: graphNamed('v1'),
    });
    await saveWorkflowVersion(handle.db, tenantId, workflow.id, graphNamed('v2'));

    const copy = await duplicateWorkflow(handle.db, tenantId, workflow.id);

    expect(copy!.workflow).toMatchObject({ name: 'Source (copy)' });
    expect(copy!.workflow.id).not.toBe(workflow.id);
    expect(copy!.version).toMatchObject({ version: 1, graph: graphNamed('v2') });
    expect(await duplicateWorkflow(handle.db, otherTenantId, workflow.id)).toBeNull();
  });

  it('deletes a workflow of the tenant only', async () => {
    const { workflow } = await createWorkflow(handle.db, tenantId, { name: 'Doomed' });

    expect(await deleteWorkflow(handle.db, otherTenantId, workflow.id)).toBe(false);
    expect(await deleteWorkflow(handle.db, tenantId, workflow.id)).toBe(true);
    expect(await getWorkflow(handle.db, tenantId, workflow.id)).toBeNull();
    expect(await getLatestWorkflowVersion(handle.db, tenantId, workflow.id)).toBeNull();
  });

  it('lists workflows with the latest version and the last run', async () => {
    const tenant = await createTestTenant(handle, 'listing');
    const first = await createWorkflow(handle.db, tenant, { name: 'First' });
    const second = await createWorkflow(handle.db, tenant, { name: 'Second' });
    await saveWorkflowVersion(handle.db, tenant, second.workflow.id, graphNamed('v2'));
    await createRun(handle.db, tenant, {
      workflowId: first.workflow.id,
      versionId: first.version.id,
      mode: 'preview',
    });
    const lastRun = await createRun(handle.db, tenant, {
      workflowId: first.workflow.id,
      versionId: first.version.id,
      mode: 'live',
    });

    const listed = await listWorkflows(handle.db, tenant);

    expect(listed.map((workflow) => [workflow.name, workflow.latestVersion])).toEqual([
      ['Second', 2],
      ['First', 1],
    ]);
    expect(listed[0]!.lastRun).toBeNull();
    expect(listed[1]!.lastRun).toMatchObject({ id: lastRun!.id, mode: 'live', status: 'running' });
    expect(await listWorkflows(handle.db, otherTenantId)).not.toContainEqual(
      expect.objectContaining({ id: first.workflow.id }),
    );
  });
});

describe('workflow versions', () => {
  it('numbers saved versions consecutively and keeps old ones', async () => {
    const { workflow, version: first } = await createWorkflow(handle.db, tenantId, {
      name: 'Versioned',
      graph: graphNamed('v1'),
    });

    const second = await saveWorkflowVersion(handle.db, tenantId, workflow.id, graphNamed('v2'));

    expect(second).toMatchObject({ version: 2, graph: graphNamed('v2') });
    expect(await getWorkflowVersion(handle.db, tenantId, first.id)).toMatchObject({
      graph: graphNamed('v1'),
    });
    expect(await getLatestWorkflowVersion(handle.db, tenantId, workflow.id)).toEqual(second);
    expect(
      (await listWorkflowVersions(handle.db, tenantId, workflow.id)).map((row) => row.version),
    ).toEqual([2, 1]);
  });

  it('keeps the keys of a saved graph in their order', async () => {
    const { workflow } = await createWorkflow(handle.db, tenantId, { name: 'Ordered' });
    const graph = {
      nodes: [
        {
          id: 'add',
          type: 'write',
          config: {
            table: 'customers',
            operation: 'insert',
            values: { name: "'Ana'", zip: "'1000'", city: "'Lyon'" },
            outputKey: 'added',
          },
        },
      ],
      edges: [],
    } as WorkflowGraph;

    const saved = await saveWorkflowVersion(handle.db, tenantId, workflow.id, graph);
    const loaded = await getWorkflowVersion(handle.db, tenantId, saved!.id);

    expect(JSON.stringify(loaded!.graph)).toBe(JSON.stringify(graph));
  });

  it('gives concurrent saves distinct numbers', async () => {
    const { workflow } = await createWorkflow(handle.db, tenantId, { name: 'Busy' });

    const saved = await Promise.all(
      [2, 3, 4, 5].map((n) =>
        saveWorkflowVersion(handle.db, tenantId, workflow.id, graphNamed(`v${n}`)),
      ),
    );

    expect(saved.map((version) => version!.version).sort()).toEqual([2, 3, 4, 5]);
  });

  it('touches the workflow when a version is saved', async () => {
    const { workflow } = await createWorkflow(handle.db, tenantId, { name: 'Touched' });

    await saveWorkflowVersion(handle.db, tenantId, workflow.id, graphNamed('v2'));

    const touched = await getWorkflow(handle.db, tenantId, workflow.id);
    expect(touched!.updatedAt.getTime()).toBeGreaterThanOrEqual(workflow.updatedAt.getTime());
  });

  it('treats versions of another tenant as missing', async () => {
    const { workflow, version } = await createWorkflow(handle.db, tenantId, { name: 'Private' });

    expect(
      await saveWorkflowVersion(handle.db, otherTenantId, workflow.id, graphNamed('x')),
    ).toBeNull();
    expect(await getWorkflowVersion(handle.db, otherTenantId, version.id)).toBeNull();
    expect(await getLatestWorkflowVersion(handle.db, otherTenantId, workflow.id)).toBeNull();
    expect(await listWorkflowVersions(handle.db, otherTenantId, workflow.id)).toEqual([]);
    expect(
      await saveWorkflowVersion(handle.db, tenantId, randomUUID(), graphNamed('x')),
    ).toBeNull();
  });
});
