import type { BlockContext, BlockResult } from '../block-context';
import type { DataRow, RowQuery } from '../data';
import { raceAbort } from '../limits';
import { queryCacheKey } from '../query-cache';
import type { CatalogTable } from '../table-catalog';
import { DEFAULT_QUERY_LIMIT } from '../validate-config';
import { resolveFilters, resolveSort } from './query-filters';

/**
 * Reads rows of a data table. Filters, sort and limit go down to the database through
 * `DataAccess.queryRows`, merged with the run's staged writes when it has any. Results are
 * cached for the rest of the run under a hash of the resolved query; a write to the table drops
 * its entries. `single` returns the first row or null instead of an array.
 */
export async function runQueryBlock(context: BlockContext<'query'>): Promise<BlockResult> {
  const table = await findTable(context, context.config.table);
  const single = context.config.single === true;
  const query: RowQuery = {
    tableId: table.info.id,
    filters: await resolveFilters(context, table),
    sort: resolveSort(context, table),
    limit: single ? 1 : (context.config.limit ?? DEFAULT_QUERY_LIMIT),
  };
  const inputs = {
    table: table.info.name,
    filters: query.filters,
    sort: query.sort,
    limit: query.limit,
    single,
  };

  const { cache, mode, recorder } = context.run;
  const cacheKey = queryCacheKey({ ...query, single, mode });
  if (cache.has(cacheKey)) {
    recorder.countCacheHit();
    return { inputs, output: cache.get(cacheKey), cacheHit: true, cacheKey };
  }

  const rows = await fetchRows(context, table, query);
  const value = single ? (rows[0] ?? null) : rows;
  return { inputs, output: cache.set(cacheKey, table.info.id, value), cacheHit: false, cacheKey };
}

/** Looks the table up by name (once per run); throws when the tenant has no such table. */
export async function findTable(context: BlockContext, name: string): Promise<CatalogTable> {
  try {
    const table = await context.run.tables.find(name, (lookUp) => context.step.measureDb(lookUp));
    if (!table) throw context.fail(`unknown table "${name}"; check the name or create the table`);
    return table;
  } catch (error) {
    throw context.toRunError(error);
  }
}

async function fetchRows(
  context: BlockContext,
  table: CatalogTable,
  query: RowQuery,
): Promise<DataRow[]> {
  const { data, tenantId, budget, overlay, recorder } = context.run;
  const queryDatabase = (databaseQuery: RowQuery) => {
    recorder.countQuery();
    return context.step.measureDb(() =>
      raceAbort(data.queryRows(tenantId, databaseQuery, budget.signal), budget.signal),
    );
  };

  try {
    budget.checkTime();
    return await overlay.query(table.info, query, queryDatabase);
  } catch (error) {
    throw context.toRunError(error);
  }
}
