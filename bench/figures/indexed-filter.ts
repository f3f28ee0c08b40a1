/**
 * Indexed filter: a query block's filter pushed down into SQL (`DataAccess.queryRows`), against
 * loading every row of the table through the same data access and filtering in JavaScript.
 */

import { sql } from 'drizzle-orm';

import type { DataAccess, ResolvedFilter } from '../../engine/data';
import { comparedRow, measurement, notMeasuredRow } from '../harness/rows';
import { sampleAsync } from '../harness/timer';
import type { Figure, FigureContext, ResultRow } from '../harness/types';
import { sharedPglite, sharedPostgres, type BenchDatabase } from '../support/databases';
import { isMissing, loadModule, type Loaded } from '../support/engine-modules';
import { customerId, seedOrdersTable } from '../support/orders-table';

const NAME = 'indexed-filter';

type EngineDataModule = typeof import('../../lib/engine-data');

interface FilterCase {
  label: string;
  filters: (rowCount: number) => ResolvedFilter[];
  matches: (row: Record<string, unknown>, rowCount: number) => boolean;
}

const FILTER_CASES: FilterCase[] = [
  {
    label: 'customerId = one customer (20 rows)',
    filters: () => [{ column: 'customerId', op: 'eq', value: customerId(42) }],
    matches: (row) => row.customerId === customerId(42),
  },
  {
    label: 'amount in a range of 40 (40 rows)',
    filters: (rowCount) => [
      { column: 'amount', op: 'gte', value: rowCount / 2 },
      { column: 'amount', op: 'lt', value: rowCount / 2 + 40 },
    ],
    matches: (row, rowCount) =>
      (row.amount as number) >= rowCount / 2 && (row.amount as number) < rowCount / 2 + 40,
  },
];

function targetFor(rowCount: number): { text: string; limitMs: number } {
  return rowCount <= 10_000 ? { text: '≤ 0.5 ms', limitMs: 0.5 } : { text: '≤ 1 ms', limitMs: 1 };
}

async function measureCase(
  data: DataAccess,
  database: BenchDatabase,
  table: { tableId: string; rowCount: number },
  filterCase: FilterCase,
  context: FigureContext,
): Promise<ResultRow> {
  const { tenantId } = database;
  const query = {
    tableId: table.tableId,
    filters: filterCase.filters(table.rowCount),
    sort: [],
    limit: 100,
  };
  const expected = (await data.queryRows(tenantId, query)).length;

  const pushdown = () => data.queryRows(tenantId, query);
  const loadAll = async () => {
    const rows = await data.queryRows(tenantId, { ...query, filters: [], limit: table.rowCount });
    const matched = rows.filter((row) => filterCase.matches(row, table.rowCount));
    if (matched.length !== expected)
      throw new Error(`JS filter found ${matched.length} rows, SQL ${expected}`);
  };

  const warmup = context.iterations(50, 10);
  const referenceIterations = context.iterations(table.rowCount > 10_000 ? 15 : 40, 5);
  const subject = await sampleAsync(pushdown, {
    warmupIterations: warmup,
    iterations: context.iterations(1000, 100),
  });
  const reference = await sampleAsync(loadAll, {
    warmupIterations: 2,
    iterations: referenceIterations,
  });
  const target = targetFor(table.rowCount);

  return comparedRow({
    figure: NAME,
    label: `indexed filter, ${table.rowCount.toLocaleString('en-US')} rows, ${database.label}: ${filterCase.label}`,
    subject: measurement(`SQL pushdown, ${expected} rows returned`, subject, warmup),
    reference: measurement('load every row, filter in JS', reference, 2),
    target: `${target.text} median`,
    isMet: ({ subject: measured }) => measured.summary.medianMs <= target.limitMs,
  });
}

/** Times the floor of any query on this database: `SELECT 1` through the same drizzle driver. */
async function measureRoundTrip(opened: BenchDatabase, context: FigureContext): Promise<ResultRow> {
  const warmup = context.iterations(50, 10);
  const samples = await sampleAsync(() => opened.handle.db.execute(sql`SELECT 1`), {
    warmupIterations: warmup,
    iterations: context.iterations(1000, 100),
  });

  return comparedRow({
    figure: NAME,
    label: `${opened.label} round trip`,
    subject: measurement('SELECT 1 through drizzle', samples, warmup),
    target: 'none: the floor of every query on this database',
  });
}

async function measureDatabase(
  opened: Loaded<BenchDatabase>,
  rowCounts: number[],
  context: FigureContext,
): Promise<ResultRow[]> {
  if (isMissing(opened)) {
    return [
      notMeasuredRow(
        NAME,
        'indexed filter on PostgreSQL',
        '≤ 0.5 ms at 10k, ≤ 1 ms at 100k',
        opened.missing,
      ),
    ];
  }

  const engineData = await loadModule<EngineDataModule>('lib/engine-data.ts', 'createDataAccess');
  if (isMissing(engineData)) {
    return [
      notMeasuredRow(
        NAME,
        `indexed filter, ${opened.label}`,
        '≤ 0.5 ms at 10k',
        engineData.missing,
      ),
    ];
  }

  const rows: ResultRow[] = [await measureRoundTrip(opened, context)];
  const data = engineData.createDataAccess(opened.handle.db);
  for (const rowCount of rowCounts) {
    context.log(`${opened.label}: seeding ${rowCount} rows`);
    const seeded = await seedOrdersTable(opened, rowCount);
    if (isMissing(seeded))
      return [notMeasuredRow(NAME, `indexed filter, ${opened.label}`, '', seeded.missing)];

    for (const filterCase of FILTER_CASES) {
      rows.push(
        await measureCase(data, opened, { tableId: seeded.tableId, rowCount }, filterCase, context),
      );
    }
  }

  return rows;
}

export const indexedFilterFigure: Figure = {
  name: NAME,
  title: 'indexed filter on 10,000 and 100,000 rows, PGlite and PostgreSQL',
  inQuick: true,
  async run(context) {
    // The quick run only proves the figure still works, so it seeds a small table.
    const rowCounts = context.quick ? [2_000] : [10_000, 100_000];
    const pglite = await measureDatabase(await sharedPglite(), rowCounts, context);
    if (context.quick) return pglite;

    return [...pglite, ...(await measureDatabase(await sharedPostgres(), rowCounts, context))];
  },
};
