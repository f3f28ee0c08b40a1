/**
 * Tenant isolation: tenant B, given tenant A's ids, gets "not found" from every server command
 * (get, list, run, replay, save, rename, duplicate, delete, table import and browse) and changes
 * nothing of A's. A query or write block naming A's table finds no such table.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  deleteWorkflowCommand,
  duplicateWorkflowCommand,
  renameWorkflowCommand,
} from '../../app/workflow-list-commands';
import {
  getRunCommand,
  listRunsCommand,
  replayCommand,
  runProgressCommand,
  startRunCommand,
} from '../../app/workflows/[id]/runs/run-commands';
import {
  getVersionCommand,
  listTablesCommand,
  listVersionsCommand,
  loadWorkflowCommand,
  saveVersionCommand,
} from '../../app/workflows/[id]/version-commands';
import type { RunRecord } from '../../drizzle/schema';
import type { WorkflowGraph } from '../../engine/types';
import { importCsv } from '../../lib/csv/import-csv';
import type { DatabaseHandle } from '../../lib/db/client';
import { listDataRows } from '../../lib/repositories/data-rows';
import {
  countDataRows,
  createDataTable,
  deleteDataTable,
  getDataTable,
  insertDataRows,
  listDataTables,
} from '../../lib/repositories/data-tables';
import { listRuns } from '../../lib/repositories/runs';
import { listWorkflowVersions } from '../../lib/repositories/workflow-versions';
import { getWorkflow, listWorkflows } from '../../lib/repositories/workflows';
import { createTestTenant, openTestDatabase } from '../database';
import { block, chain } from '../fixtures/engine-run';
import { runToEnd, saveWorkflow, stepOf, type SavedWorkflow } from './support';

const ordersGraph: WorkflowGraph = {
  nodes: [
    block('fetch', 'query', { table: 'orders', outputKey: 'orders' }),
    block('count', 'js', { code: 'return vars.orders.length;', outputKey: 'count' }),
  ],
  edges: chain('fetch', 'count'),
};

let handle: DatabaseHandle;
let tenantA: string;
let tenantB: string;
let workflowA: SavedWorkflow;
let runA: RunRecord;
let tableA: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantA = await createTestTenant(handle, 'tenant-a');
  tenantB = await createTestTenant(handle, 'tenant-b');

  const table = await createDataTable(handle.db, tenantA, {
    name: 'orders',
    columns: [{ name: 'code', type: 'text' }],
  });
  tableA = table.id;
  await insertDataRows(handle.db, tenantA, tableA, [{ code: 'A1' }, { code: 'A2' }]);
  workflowA = await saveWorkflow(handle, tenantA, ordersGraph);
  runA = await runToEnd(handle, tenantA, workflowA);
});

afterAll(async () => {
  await handle?.close();
});

/** Everything of tenant A that B's commands must leave as it was. */
async function snapshotOfA() {
  return {
    workflows: await listWorkflows(handle.db, tenantA),
    versions: await listWorkflowVersions(handle.db, tenantA, workflowA.workflowId),
    runs: await listRuns(handle.db, tenantA, workflowA.workflowId),
    tables: await listDataTables(handle.db, tenantA),
    rows: (await listDataRows(handle.db, tenantA, tableA))?.rows,
  };
}

const workflowNotFound = (id: string) =>
  `Workflow "${id}" was not found; it may have been deleted. Reload the list.`;
const editorWorkflowNotFound = (id: string) =>
  `Workflow "${id}" was not found; it may have been deleted. Go back to the workflow list.`;

describe("another tenant's ids", () => {
  it('get "not found" from every command and change nothing', async () => {
    const { workflowId, versionId } = workflowA;
    const before = await snapshotOfA();
    const db = handle.db;

    expect(runA.status).toBe('success');
    expect(await loadWorkflowCommand(db, tenantB, { id: workflowId })).toEqual({
      ok: false,
      error: editorWorkflowNotFound(workflowId),
    });
    expect(await getVersionCommand(db, tenantB, { workflowId, versionId })).toEqual({
      ok: false,
      error: `Version "${versionId}" of workflow "${workflowId}" was not found; reload the version list.`,
    });
    expect(await listVersionsCommand(db, tenantB, { workflowId })).toEqual({
      ok: false,
      error: editorWorkflowNotFound(workflowId),
    });
    expect(await listRunsCommand(db, tenantB, { workflowId })).toEqual({
      ok: false,
      error: `Workflow "${workflowId}" not found`,
    });
    expect(await getRunCommand(db, tenantB, { workflowId, runId: runA.id })).toEqual({
      ok: false,
      error: `Run "${runA.id}" not found`,
    });
    expect(
      await runProgressCommand(db, tenantB, { workflowId, runId: runA.id, afterStep: 0 }),
    ).toEqual({ ok: false, error: `Run "${runA.id}" not found` });
    expect(
      await startRunCommand(db, tenantB, { workflowId, versionId, mode: 'live', input: {} }),
    ).toEqual({
      ok: false,
      error: `Workflow version "${versionId}" not found; save the workflow and run it again`,
    });
    expect(
      await replayCommand(db, tenantB, {
        workflowId,
        sourceRunId: runA.id,
        checkpointStep: 0,
        commit: true,
      }),
    ).toEqual({ ok: false, error: `Run "${runA.id}" not found` });
    expect(await saveVersionCommand(db, tenantB, { workflowId, graph: ordersGraph })).toEqual({
      ok: false,
      error: editorWorkflowNotFound(workflowId),
    });
    expect(await renameWorkflowCommand(db, tenantB, { id: workflowId, name: 'taken' })).toEqual({
      ok: false,
      error: workflowNotFound(workflowId),
    });
    expect(await duplicateWorkflowCommand(db, tenantB, { id: workflowId })).toEqual({
      ok: false,
      error: workflowNotFound(workflowId),
    });
    expect(await deleteWorkflowCommand(db, tenantB, { id: workflowId })).toEqual({
      ok: false,
      error: workflowNotFound(workflowId),
    });

    expect(await snapshotOfA()).toEqual(before);
    expect(await getWorkflow(db, tenantA, workflowId)).not.toBeNull();
  });

  it("cannot browse or delete A's table", async () => {
    const before = await snapshotOfA();

    expect(await getDataTable(handle.db, tenantB, tableA)).toBeNull();
    expect(await listDataRows(handle.db, tenantB, tableA)).toBeNull();
    expect(await countDataRows(handle.db, tenantB, tableA)).toBeNull();
    expect(await insertDataRows(handle.db, tenantB, tableA, [{ code: 'B1' }])).toBeNull();
    expect(await deleteDataTable(handle.db, tenantB, tableA)).toBe(false);
    expect(await listTablesCommand(handle.db, tenantB)).toEqual({ ok: true, tables: [] });

    expect(await snapshotOfA()).toEqual(before);
  });

  it("import into A's table name creates B's own table", async () => {
    const before = await snapshotOfA();

    const imported = await importCsv(handle.db, {
      tenantId: tenantB,
      tableName: 'orders',
      fileName: 'orders.csv',
      source: Buffer.from('code\nB1\n', 'utf8'),
    });

    expect(imported.created).toBe(true);
    expect(imported.tableId).not.toBe(tableA);
    expect((await listDataRows(handle.db, tenantB, imported.tableId))?.rows).toEqual([
      { _id: expect.any(String), code: 'B1' },
    ]);
    expect(await snapshotOfA()).toEqual(before);
    await deleteDataTable(handle.db, tenantB, imported.tableId);
  });

  it("query and write blocks cannot name A's table", async () => {
    const before = await snapshotOfA();
    const queryB = await saveWorkflow(handle, tenantB, ordersGraph);
    const writeB = await saveWorkflow(handle, tenantB, {
      nodes: [
        block('add', 'write', {
          table: 'orders',
          operation: 'insert',
          values: { code: '"B2"' },
          outputKey: 'added',
        }),
      ],
      edges: [],
    });

    const queried = await runToEnd(handle, tenantB, queryB, { mode: 'live' });
    const written = await runToEnd(handle, tenantB, writeB, { mode: 'live' });

    expect(queried.status).toBe('error');
    expect(queried.errorMessage).toBe(
      'Query block "fetch": unknown table "orders"; check the name or create the table',
    );
    expect(stepOf(queried, 'fetch').status).toBe('error');
    expect(written.status).toBe('error');
    expect(written.errorMessage).toBe(
      'Write block "add": unknown table "orders"; check the name or create the table',
    );
    expect(await snapshotOfA()).toEqual(before);
  });
});
