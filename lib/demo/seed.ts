import { sql } from 'drizzle-orm';

import type { WorkflowGraph } from '../../engine/types';
import type { Database } from '../db/client';
import { logger } from '../logger';
import { createDataTable, insertDataRows } from '../repositories/data-tables';
import { countTenants, createTenant } from '../repositories/tenants';
import { createWorkflow } from '../repositories/workflows';
import { buildDemoDataset } from './dataset';
import { DEMO_WORKFLOWS } from './workflows';

export const DEMO_TENANT = { slug: 'demo', name: 'Demo' } as const;

/** Arbitrary constant that serialises seeding by concurrent processes on one server. */
const SEED_LOCK_ID = 7_320_115;

const SEED_BATCH_SIZE = 500;

export interface DemoWorkflow {
  name: string;
  description: string;
  graph: WorkflowGraph;
}

export interface DemoSeedResult {
  seeded: boolean;
  tenantId?: string;
}

/**
 * Seeds an empty database (one without tenants) with the demo tenant, its data tables and the
 * demo workflows, each as a workflow with version 1. Does nothing when any tenant exists. Runs
 * in one transaction under an advisory lock, so concurrent starts seed once and a failure
 * leaves the database empty. `demoWorkflows` defaults to the workflows of ./workflows.ts.
 */
export async function ensureDemoData(
  db: Database,
  demoWorkflows: readonly DemoWorkflow[] = DEMO_WORKFLOWS,
): Promise<DemoSeedResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEED_LOCK_ID})`);
    if ((await countTenants(tx)) > 0) return { seeded: false };

    const tenant = await createTenant(tx, DEMO_TENANT);
    await seedTables(tx, tenant.id);
    for (const workflow of demoWorkflows) {
      await createWorkflow(tx, tenant.id, workflow);
    }

    logger.info({ tenantId: tenant.id, workflows: demoWorkflows.length }, 'demo data seeded');
    return { seeded: true, tenantId: tenant.id };
  });
}

async function seedTables(db: Database, tenantId: string): Promise<void> {
  for (const table of buildDemoDataset()) {
    const created = await createDataTable(db, tenantId, {
      name: table.name,
      columns: table.columns,
    });

    for (let start = 0; start < table.rows.length; start += SEED_BATCH_SIZE) {
      await insertDataRows(
        db,
        tenantId,
        created.id,
        table.rows.slice(start, start + SEED_BATCH_SIZE),
      );
    }
  }
}
