import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '@/engine/types';
import type { DatabaseHandle } from '@/lib/db/client';
import { createDataTable } from '@/lib/repositories/data-tables';
import { createWorkflow } from '@/lib/repositories/workflows';
import { createTestTenant, openTestDatabase } from '@/test/database';

import {
  getVersionCommand,
  listTablesCommand,
  listVersionsCommand,
  loadWorkflowCommand,
  saveSchema,
  saveVersionCommand,
} from './version-commands';

let handle: DatabaseHandle;
let tenantId: string;
let otherTenantId: string;
let workflowId: string;

const graph: WorkflowGraph = {
  nodes: [{ id: 'done', type: 'output', position: { x: 0, y: 0 }, config: { value: '1' } }],
  edges: [],
};

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = await createTestTenant(handle, 'versions');
  otherTenantId = await createTestTenant(handle, 'other');
  const created = await createWorkflow(handle.db, tenantId, { name: 'Versioned', graph });
  workflowId = created.workflow.id;
});

afterAll(async () => {
  await handle.close();
});

describe('version commands', () => {
  it('saves graphs as consecutive immutable versions', async () => {
    const changed: WorkflowGraph = {
      ...graph,
      nodes: [{ ...graph.nodes[0]!, config: { value: '2' } }],
    };

    const saved = await saveVersionCommand(handle.db, tenantId, { workflowId, graph: changed });
    const listed = await listVersionsCommand(handle.db, tenantId, { workflowId });
    const first = (listed as { versions: { id: string; number: number }[] }).versions.at(-1)!;
    const firstVersion = await getVersionCommand(handle.db, tenantId, {
      workflowId,
      versionId: first.id,
    });

    expect(saved).toMatchObject({ ok: true, version: { number: 2 } });
    expect((listed as { versions: { number: number }[] }).versions.map((v) => v.number)).toEqual([
      2, 1,
    ]);
    expect((firstVersion as { version: { graph: WorkflowGraph } }).version.graph).toEqual(graph);
  });

  it('loads the newest version', async () => {
    const loaded = await loadWorkflowCommand(handle.db, tenantId, { id: workflowId });

    expect(loaded).toMatchObject({ ok: true, workflow: { name: 'Versioned' } });
    const number = (loaded as { version: { number: number } }).version.number;
    expect(number).toBeGreaterThanOrEqual(1);
  });

  it("keeps another tenant's workflow out of reach", async () => {
    const notFound = {
      ok: false,
      error: `Workflow "${workflowId}" was not found; it may have been deleted. Go back to the workflow list.`,
    };

    expect(await saveVersionCommand(handle.db, otherTenantId, { workflowId, graph })).toEqual(
      notFound,
    );
    expect(await listVersionsCommand(handle.db, otherTenantId, { workflowId })).toEqual(notFound);
    expect(await loadWorkflowCommand(handle.db, otherTenantId, { id: workflowId })).toEqual(
      notFound,
    );
  });

  it('rejects a version of another workflow', async () => {
    const other = await createWorkflow(handle.db, tenantId, { name: 'Other', graph });

    const result = await getVersionCommand(handle.db, tenantId, {
      workflowId,
      versionId: other.version.id,
    });

    expect(result).toEqual({
      ok: false,
      error: `Version "${other.version.id}" of workflow "${workflowId}" was not found; reload the version list.`,
    });
  });

  it('rejects a graph with an unknown block type before saving', () => {
    const parsed = saveSchema.safeParse({
      workflowId,
      graph: { nodes: [{ id: 'x', type: 'sql', config: {} }], edges: [] },
    });

    expect(parsed.success).toBe(false);
  });

  it("lists only the tenant's tables with their columns", async () => {
    await createDataTable(handle.db, tenantId, {
      name: 'orders',
      columns: [{ name: 'total', type: 'number' }],
    });

    const own = await listTablesCommand(handle.db, tenantId);
    const other = await listTablesCommand(handle.db, otherTenantId);

    expect(own).toMatchObject({
      ok: true,
      tables: [{ name: 'orders', columns: [{ name: 'total', type: 'number' }] }],
    });
    expect(other).toEqual({ ok: true, tables: [] });
  });
});
