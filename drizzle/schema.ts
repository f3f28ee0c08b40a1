import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  doublePrecision,
} from 'drizzle-orm/pg-core';

import type { DataColumn } from '../engine/data';
import type { ExecutionTrace, VariableAssignment } from '../engine/types';

export const tenantsTable = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Browser sessions: the cookie holds the random id, and the server maps it to the tenant. */
export const sessionsTable = pgTable('sessions', {
  id: text('id').primaryKey(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenantsTable.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const dataTablesTable = pgTable(
  'data_tables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenantsTable.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    columns: jsonb('columns').$type<DataColumn[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('data_tables_tenant_name_idx').on(table.tenantId, table.name)],
);

/**
 * Rows of every data table. Typed filters use expression indexes that are created per data table
 * column when the table is created (see lib/db/row-indexes.ts), because a GIN index on `data`
 * serves only containment and key-existence operators, not ranges.
 */
export const dataRowsTable = pgTable(
  'data_rows',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenantsTable.id, { onDelete: 'cascade' }),
    tableId: uuid('table_id')
      .notNull()
      .references(() => dataTablesTable.id, { onDelete: 'cascade' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('data_rows_table_id_idx').on(table.tableId, table.id)],
);

export const workflowsTable = pgTable(
  'workflows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenantsTable.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('workflows_tenant_idx').on(table.tenantId, table.updatedAt)],
);

/** Immutable: a saved graph never changes; saving again adds a version. */
export const workflowVersionsTable = pgTable(
  'workflow_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenantsTable.id, { onDelete: 'cascade' }),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflowsTable.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /**
     * `json`, not `jsonb`, like the run columns below: it keeps the text as written, so object
     * keys read back in their order. No query looks inside these values.
     */
    graph: json('graph').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('workflow_versions_number_idx').on(table.workflowId, table.version)],
);

export const runsTable = pgTable(
  'runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenantsTable.id, { onDelete: 'cascade' }),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflowsTable.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => workflowVersionsTable.id, { onDelete: 'cascade' }),
    mode: text('mode').$type<'live' | 'preview' | 'snapshot'>().notNull(),
    /** `running`, `success`, `error`, or `interrupted` when the server stopped during the run. */
    status: text('status').$type<'running' | 'success' | 'error' | 'interrupted'>().notNull(),
    input: json('input'),
    output: json('output'),
    errorMessage: text('error_message'),
    totalDurationMs: doublePrecision('total_duration_ms'),
    stepCount: integer('step_count'),
    queryCount: integer('query_count'),
    cacheHits: integer('cache_hits'),
    trace: json('trace').$type<ExecutionTrace>(),
    assignments: json('assignments').$type<VariableAssignment[]>(),
    sourceRunId: uuid('source_run_id'),
    checkpointStep: integer('checkpoint_step'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [
    index('runs_workflow_idx').on(table.tenantId, table.workflowId, table.startedAt),
    index('runs_source_idx').on(table.sourceRunId),
    index('runs_status_idx')
      .on(table.status)
      .where(sql`${table.status} = 'running'`),
  ],
);

export type TenantRecord = typeof tenantsTable.$inferSelect;
export type DataTableRecord = typeof dataTablesTable.$inferSelect;
export type WorkflowRecord = typeof workflowsTable.$inferSelect;
export type WorkflowVersionRecord = typeof workflowVersionsTable.$inferSelect;
export type RunRecord = typeof runsTable.$inferSelect;
