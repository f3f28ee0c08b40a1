/**
 * Query cache hit: computing the cache key of a query block's resolved query and reading the
 * per-run cache, against sending the same query to the database through the data access.
 */

import type { DataAccess, RowQuery } from '../../engine/data';
import { comparedRow, measurement, notMeasuredRow } from '../harness/rows';
import { sampleAsync, sampleSync } from '../harness/timer';
import type { Figure, FigureContext, ResultRow } from '../harness/types';
import { sharedPglite, sharedPostgres, type BenchDatabase } from '../support/databases';
import { isMissing, loadModule, type Loaded } from '../support/engine-modules';
import { customerId, seedOrdersTable } from '../support/orders-table';

const NAME = 'query-cache';
const TARGET = '≤ 10 µs; ≥ 20× faster';
const ROW_COUNT = 10_000;

/** Table size of the quick run, which only proves the figure still works. */
const QUICK_ROW_COUNT = 2_000;

type QueryCacheModule = typeof import('../../engine/query-cache');
type EngineDataModule = typeof import('../../lib/engine-data');

function measureHit(
  cacheModule: QueryCacheModule,
  query: RowQuery,
  rows: unknown,
  context: FigureContext,
) {
  const cache = new cacheModule.QueryCache();
  const keyParts = () => ({ ...query, single: false, mode: 'preview' as const });
  cache.set(cacheModule.queryCacheKey(keyParts()), query.tableId, rows);

  const lookup = () => {
    const value = cache.get(cacheModule.queryCacheKey(keyParts()));
    if (value === undefined)
      throw new Error('Query cache lookup missed a key that was stored before the timing');
  };

  return sampleSync(lookup, {
    warmupIterations: context.iterations(1000, 100),
    iterations: context.iterations(20_000, 2000),
  });
}

async function measureDatabase(
  opened: Loaded<BenchDatabase>,
  modules: { cache: QueryCacheModule; engineData: EngineDataModule },
  context: FigureContext,
): Promise<ResultRow[]> {
  if (isMissing(opened))
    return [notMeasuredRow(NAME, 'query cache hit vs PostgreSQL', TARGET, opened.missing)];

  const rowCount = context.quick ? QUICK_ROW_COUNT : ROW_COUNT;
  const seeded = await seedOrdersTable(opened, rowCount);
  if (isMissing(seeded))
    return [notMeasuredRow(NAME, `query cache hit vs ${opened.label}`, TARGET, seeded.missing)];

  const data: DataAccess = modules.engineData.createDataAccess(opened.handle.db);
  const query: RowQuery = {
    tableId: seeded.tableId,
    filters: [{ column: 'customerId', op: 'eq', value: customerId(7) }],
    sort: [{ column: 'amount', direction: 'desc' }],
    limit: 100,
  };
  const rows = await data.queryRows(opened.tenantId, query);
  const warmup = context.iterations(50, 10);
  const hit = measureHit(modules.cache, query, rows, context);
  const database = await sampleAsync(() => data.queryRows(opened.tenantId, query), {
    warmupIterations: warmup,
    iterations: context.iterations(1000, 100),
  });

  return [
    comparedRow({
      figure: NAME,
      label: `query cache hit vs ${opened.label} (${rows.length} rows, ${rowCount.toLocaleString('en-US')}-row table)`,
      subject: measurement(
        'cache key (SHA-256 of canonical JSON) + lookup',
        hit,
        context.iterations(1000, 100),
      ),
      reference: measurement(`the same query sent to ${opened.label}`, database, warmup),
      target: TARGET,
      isMet: ({ subject, ratio }) =>
        subject.summary.medianMs <= 0.01 && ratio !== undefined && ratio <= 1 / 20,
    }),
  ];
}

export const queryCacheFigure: Figure = {
  name: NAME,
  title: 'query cache hit vs the same query sent to the database',
  inQuick: true,
  async run(context) {
    const cache = await loadModule<QueryCacheModule>('engine/query-cache.ts', 'QueryCache');
    const engineData = await loadModule<EngineDataModule>('lib/engine-data.ts', 'createDataAccess');
    if (isMissing(cache)) return [notMeasuredRow(NAME, 'query cache hit', TARGET, cache.missing)];
    if (isMissing(engineData))
      return [notMeasuredRow(NAME, 'query cache hit', TARGET, engineData.missing)];

    const modules = { cache, engineData };
    const rows = await measureDatabase(await sharedPglite(), modules, context);
    if (context.quick) return rows;

    return [...rows, ...(await measureDatabase(await sharedPostgres(), modules, context))];
  },
};
