import type { BlockContext, BlockResult } from '../block-context';
import type { DataRow } from '../data';
import { raceAbort } from '../limits';
import type { CatalogTable } from '../table-catalog';
import type { WriteOperation } from '../types';
import { findTable } from './query';
import { evaluateIdempotencyKey, guardSkip, recordExecution } from './side-effect-guard';
import { resolveRowId, resolveWriteValues } from './write-values';

interface WriteRequest {
  operation: WriteOperation;
  rowId?: string;
  values: Record<string, unknown>;
}

/**
 * Inserts, updates or deletes one row. Live runs (and snapshot runs with `commit`) write through
 * `DataAccess`; the others stage the write in the run's overlay. Either way the table's cached
 * queries are dropped. The output is the written row, or `{ _id, deleted: true }`.
 */
export async function runWriteBlock(context: BlockContext<'write'>): Promise<BlockResult> {
  const table = await findTable(context, context.config.table);
  const idempotencyKey = await evaluateIdempotencyKey(context);
  const skip = guardSkip(context, idempotencyKey);
  if (skip) return skip;

  const { operation } = context.config;
  const request: WriteRequest = {
    operation,
    ...(operation === 'insert' ? {} : { rowId: await resolveRowId(context) }),
    values: operation === 'delete' ? {} : await resolveWriteValues(context, table),
  };

  const { stagesSideEffects, cache } = context.run;
  const output = stagesSideEffects
    ? await stageWrite(context, table, request)
    : await commitWrite(context, table, request);
  cache.invalidateTable(table.info.id);

  const write = {
    table: table.info.name,
    ...request,
    rowId: request.rowId ?? (output as DataRow)._id,
  };
  return {
    inputs: { ...write, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) },
    output,
    sideEffects: { writes: [write], staged: stagesSideEffects },
    onRecorded: recordExecution(context, idempotencyKey),
  };
}

async function commitWrite(
  context: BlockContext,
  table: CatalogTable,
  request: WriteRequest,
): Promise<unknown> {
  const { data, tenantId, budget } = context.run;
  const tableId = table.info.id;
  const call = (): Promise<DataRow | boolean | null> => {
    switch (request.operation) {
      case 'insert':
        return data.insertRow(tenantId, tableId, request.values, budget.signal);
      case 'update':
        return data.updateRow(tenantId, tableId, request.rowId!, request.values, budget.signal);
      case 'delete':
        return data.deleteRow(tenantId, tableId, request.rowId!, budget.signal);
    }
  };

  let result: DataRow | boolean | null;
  try {
    budget.checkTime();
    result = await context.step.measureDb(() => raceAbort(call(), budget.signal));
  } catch (error) {
    throw context.toRunError(error);
  }

  if (result === null || result === false) throw rowNotFound(context, table, request.rowId!);
  return result === true ? { _id: request.rowId, deleted: true } : result;
}

async function stageWrite(
  context: BlockContext,
  table: CatalogTable,
  request: WriteRequest,
): Promise<unknown> {
  const { overlay } = context.run;
  if (request.operation === 'insert') return overlay.insert(table.info, request.values);

  const current = await currentRow(context, table, request.rowId!);
  if (request.operation === 'update') return overlay.update(table.info, current, request.values);

  overlay.delete(table.info.id, current._id);
  return { _id: current._id, deleted: true };
}

/** Returns the row as the run reads it: staged state first, else the database. */
async function currentRow(
  context: BlockContext,
  table: CatalogTable,
  rowId: string,
): Promise<DataRow> {
  const { overlay, data, tenantId, budget, recorder } = context.run;
  const staged = overlay.findRow(table.info.id, rowId);
  if (staged) return staged;
  if (staged === null) throw rowNotFound(context, table, rowId);

  let stored: DataRow | null;
  try {
    recorder.countQuery();
    stored = await context.step.measureDb(() =>
      raceAbort(data.findRow(tenantId, table.info.id, rowId, budget.signal), budget.signal),
    );
  } catch (error) {
    throw context.toRunError(error);
  }

  if (!stored) throw rowNotFound(context, table, rowId);
  return stored;
}

function rowNotFound(context: BlockContext, table: CatalogTable, rowId: string): Error {
  return context.fail(`row "${rowId}" not found in table "${table.info.name}"`);
}
