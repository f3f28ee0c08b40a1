/**
 * The demo data the app seeds on its first start (lib/demo/seed.ts), opened on PGlite in a data
 * folder, with the ids of one demo workflow.
 */

import path from 'node:path';

import type { BenchDatabase } from './databases';
import { isMissing, loadModule, type Loaded } from './engine-modules';
import type { SeededWorkflow } from './bench-workflow';

type ClientModule = typeof import('../../lib/db/client');
type SeedModule = typeof import('../../lib/demo/seed');
type WorkflowsModule = typeof import('../../lib/repositories/workflows');
type VersionsModule = typeof import('../../lib/repositories/workflow-versions');

/** The demo workflow the HTTP figure previews, and an input its description suggests. */
export const DEMO_WORKFLOW_NAME = 'Customer order review';
export const DEMO_WORKFLOW_INPUT = { customerId: 'C001' };

export interface DemoDatabase {
  database: BenchDatabase;
  workflow: SeededWorkflow;
  tenantSlug: string;
}

/**
 * Seeds the demo tenant into PGlite persisted in `<dataDir>/pglite`, as the app's first start
 * does, and finds the demo workflow. The caller closes `database.handle`.
 */
export async function openDemoDatabase(dataDir: string): Promise<Loaded<DemoDatabase>> {
  const client = await loadModule<ClientModule>('lib/db/client.ts', 'openDatabase');
  const seed = await loadModule<SeedModule>('lib/demo/seed.ts', 'ensureDemoData');
  const workflows = await loadModule<WorkflowsModule>(
    'lib/repositories/workflows.ts',
    'listWorkflows',
  );
  const versions = await loadModule<VersionsModule>(
    'lib/repositories/workflow-versions.ts',
    'getLatestWorkflowVersion',
  );
  if (isMissing(client)) return client;
  if (isMissing(seed)) return seed;
  if (isMissing(workflows)) return workflows;
  if (isMissing(versions)) return versions;

  const handle = await client.openDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
  const seeded = await seed.ensureDemoData(handle.db);
  if (!seeded.tenantId)
    throw new Error(`The demo data was not seeded into ${dataDir}: it was not empty`);

  const listed = await workflows.listWorkflows(handle.db, seeded.tenantId);
  const demo = listed.find((workflow) => workflow.name === DEMO_WORKFLOW_NAME);
  const version =
    demo && (await versions.getLatestWorkflowVersion(handle.db, seeded.tenantId, demo.id));
  if (!demo || !version)
    throw new Error(`The demo data has no workflow named "${DEMO_WORKFLOW_NAME}"`);

  return {
    database: { label: 'PGlite', handle, tenantId: seeded.tenantId },
    workflow: { workflowId: demo.id, versionId: version.id, graph: version.graph },
    tenantSlug: seed.DEMO_TENANT.slug,
  };
}
