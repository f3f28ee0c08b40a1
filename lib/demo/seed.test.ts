import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openFreshDatabase, type FreshDatabase } from '../db/testing/fresh-database';
import { countDataRows, listDataTables } from '../repositories/data-tables';
import { createTenant, findTenantBySlug } from '../repositories/tenants';
import { listWorkflows } from '../repositories/workflows';
import { getLatestWorkflowVersion } from '../repositories/workflow-versions';
import { DEMO_CUSTOMER_COUNT, DEMO_ORDER_COUNT, DEMO_PRODUCT_COUNT } from './dataset';
import { ensureDemoData, type DemoWorkflow } from './seed';

const WORKFLOWS: DemoWorkflow[] = [
  {
    name: 'Large orders',
    description: 'Orders above 500',
    graph: { nodes: [{ id: 'out', type: 'output', config: { value: '1' } }], edges: [] },
  },
  { name: 'Empty', description: '', graph: { nodes: [], edges: [] } },
];

let fresh: FreshDatabase;

beforeEach(async () => {
  fresh = await openFreshDatabase();
});

afterEach(async () => {
  await fresh?.close();
});

describe('ensureDemoData', () => {
  it('seeds the demo tenant with tables and workflows', async () => {
    const { db } = fresh.handle;

    const result = await ensureDemoData(db, WORKFLOWS);

    const tenant = await findTenantBySlug(db, 'demo');
    expect(result).toEqual({ seeded: true, tenantId: tenant!.id });
    expect(tenant!.name).toBe('Demo');
    const tables = await listDataTables(db, tenant!.id);
    expect(tables.map((table) => [table.name, table.rowCount])).toEqual([
      ['customers', DEMO_CUSTOMER_COUNT],
      ['orders', DEMO_ORDER_COUNT],
      ['products', DEMO_PRODUCT_COUNT],
    ]);
  });

  it('stores each demo workflow with version 1', async () => {
    const { db } = fresh.handle;

    const { tenantId } = await ensureDemoData(db, WORKFLOWS);

    const workflows = await listWorkflows(db, tenantId!);
    expect(workflows.map((workflow) => workflow.name).sort()).toEqual(['Empty', 'Large orders']);
    const large = workflows.find((workflow) => workflow.name === 'Large orders')!;
    expect(large.description).toBe('Orders above 500');
    expect(await getLatestWorkflowVersion(db, tenantId!, large.id)).toMatchObject({
      version: 1,
      graph: WORKFLOWS[0]!.graph,
    });
  });

  it('does nothing the second time', async () => {
    const { db } = fresh.handle;
    const first = await ensureDemoData(db, WORKFLOWS);

    const second = await ensureDemoData(db, WORKFLOWS);

    expect(second).toEqual({ seeded: false });
    const orders = (await listDataTables(db, first.tenantId!)).find(
      (table) => table.name === 'orders',
    )!;
    expect(await countDataRows(db, first.tenantId!, orders.id)).toBe(DEMO_ORDER_COUNT);
  });

  it('seeds once when two starts race', async () => {
    const { db } = fresh.handle;

    const results = await Promise.all([
      ensureDemoData(db, WORKFLOWS),
      ensureDemoData(db, WORKFLOWS),
    ]);

    expect(results.filter((result) => result.seeded)).toHaveLength(1);
  });

  it('leaves a database with any tenant alone', async () => {
    const { db } = fresh.handle;
    await createTenant(db, { slug: 'acme', name: 'Acme' });

    expect(await ensureDemoData(db, WORKFLOWS)).toEqual({ seeded: false });
    expect(await findTenantBySlug(db, 'demo')).toBeNull();
  });

  it('leaves the database empty when seeding fails', async () => {
    const { db } = fresh.handle;
    const broken = [{ name: ' ', description: '', graph: { nodes: [], edges: [] } }];

    await expect(ensureDemoData(db, broken)).rejects.toThrow('Workflow name " " must not be empty');
    expect(await findTenantBySlug(db, 'demo')).toBeNull();
  });
});
