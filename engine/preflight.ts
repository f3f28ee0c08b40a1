/**
 * Checks made before a run starts, after `validateGraph`. They cover the run request itself, and
 * the operators and sort keys of query blocks against the column types of their tables: json
 * columns support only eq, neq, contains, isNull and notNull, and cannot be sorted. Unknown
 * tables and columns are left to the blocks, which fail with a block error naming both.
 */

import { blockLabel } from './block-labels';
import type { EngineLogger, RunGraphRequest } from './run-request';
import { isSortableColumnType, OPERATORS_BY_COLUMN_TYPE } from './row-filter';
import type { TableCatalog } from './table-catalog';
import type { GraphNode, ValidationProblem } from './types';
import { ProblemList } from './validation-problems';

const EXECUTION_MODES = ['live', 'preview', 'snapshot'];

/** Problems of the request besides its graph: the mode and, in snapshot mode, the checkpoint. */
export function checkRunRequest(request: RunGraphRequest): ValidationProblem[] {
  const problems = new ProblemList();
  const { executionMode, inputJson, options } = request;

  if (!EXECUTION_MODES.includes(executionMode)) {
    problems.add(
      'config_invalid',
      `Execution mode ${JSON.stringify(executionMode)} is not one of live, preview, snapshot`,
    );
  }
  if (executionMode !== 'snapshot') return problems.problems;

  if (!options?.snapshot || typeof options.snapshot.sourceRunId !== 'string') {
    problems.add(
      'config_missing',
      'A snapshot run needs options.snapshot with the sourceRunId and checkpointStep it replays',
    );
  }
  const vars = (inputJson as { vars?: unknown } | null)?.vars;
  if (typeof vars !== 'object' || vars === null || Array.isArray(vars)) {
    problems.add(
      'config_invalid',
      'The input of a snapshot run must be { input, vars } with the checkpoint variables in vars',
    );
  }
  return problems.problems;
}

/**
 * Problems of query blocks whose filters or sort do not fit their columns' types. The tables are
 * looked up side by side, so a run with several tables waits for one lookup rather than one each.
 */
export async function checkQueryColumns(
  nodes: GraphNode[],
  tables: TableCatalog,
  logger?: EngineLogger,
): Promise<ValidationProblem[]> {
  const problems = new ProblemList();
  const queries = nodes.filter((node): node is GraphNode<'query'> => node.type === 'query');

  const found = await Promise.all(
    queries.map((node) =>
      tables.find(node.config.table).catch((error: unknown) => {
        logger?.warn?.(
          { err: error, blockId: node.id, table: node.config.table },
          'table lookup before the run failed',
        );
        return null;
      }),
    ),
  );

  queries.forEach((node, index) => {
    const table = found[index];
    if (table) checkColumnsOf(node, table.columns, problems);
  });
  return problems.problems;
}

function checkColumnsOf(
  node: GraphNode<'query'>,
  columns: ReadonlyMap<string, { name: string; type: keyof typeof OPERATORS_BY_COLUMN_TYPE }>,
  problems: ProblemList,
): void {
  (node.config.filters ?? []).forEach((filter, index) => {
    const column = columns.get(filter.column);
    const supported = column ? OPERATORS_BY_COLUMN_TYPE[column.type] : undefined;
    if (!column || !supported || supported.includes(filter.op)) return;

    problems.add(
      'operator_unsupported',
      `${blockLabel(node)}: filters[${index}] uses "${filter.op}" on ${column.type} column "${column.name}"; ${column.type} columns support ${supported.join(', ')}`,
      { blockId: node.id },
    );
  });

  (node.config.sort ?? []).forEach((key, index) => {
    const column = columns.get(key.column);
    if (!column || isSortableColumnType(column.type)) return;

    problems.add(
      'sort_unsupported',
      `${blockLabel(node)}: sort[${index}] sorts by json column "${column.name}"; sort by a text, number, boolean or date column`,
      { blockId: node.id },
    );
  });
}
