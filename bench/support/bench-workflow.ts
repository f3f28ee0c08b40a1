/** Seeds the customer-orders workflow (see `customerOrdersGraph`) and its data table. */

import type { WorkflowGraph } from '../../engine/types';
import type { BenchDatabase } from './databases';
import { isMissing, loadModule, type Loaded } from './engine-modules';
import { seedOrdersTable } from './orders-table';
import { customerOrdersGraph } from './workflows';

type WorkflowsModule = typeof import('../../lib/repositories/workflows');

/** Rows of the orders table behind the workflow: 20 per customer, so 50 customers. */
export const WORKFLOW_TABLE_ROWS = 1000;

export interface SeededWorkflow {
  workflowId: string;
  versionId: string;
  graph: WorkflowGraph;
}

/** Saves `graph` as version 1 of a new workflow of the bench tenant. */
export async function seedWorkflow(
  database: BenchDatabase,
  name: string,
  graph: WorkflowGraph,
): Promise<Loaded<SeededWorkflow>> {
  const workflows = await loadModule<WorkflowsModule>(
    'lib/repositories/workflows.ts',
    'createWorkflow',
  );
  if (isMissing(workflows)) return workflows;

  const { workflow, version } = await workflows.createWorkflow(
    database.handle.db,
    database.tenantId,
    { name, graph },
  );
  return { workflowId: workflow.id, versionId: version.id, graph };
}

export async function seedCustomerOrdersWorkflow(
  database: BenchDatabase,
): Promise<Loaded<SeededWorkflow>> {
  const table = await seedOrdersTable(database, WORKFLOW_TABLE_ROWS);
  if (isMissing(table)) return table;

  return seedWorkflow(database, 'Customer orders', customerOrdersGraph(WORKFLOW_TABLE_ROWS));
}
