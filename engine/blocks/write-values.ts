import type { BlockContext } from '../block-context';
import { castToColumnType } from '../column-values';
import { isNullValue } from '../row-filter';
import type { CatalogTable } from '../table-catalog';
import { requireColumn } from './query-filters';

/**
 * Evaluates a write block's `values` and casts each to its column type (see column-values.ts).
 * An undefined value is written as null. Throws a BlockError naming the column and the value.
 */
export async function resolveWriteValues(
  context: BlockContext<'write'>,
  table: CatalogTable,
): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};

  for (const [name, source] of Object.entries(context.config.values ?? {})) {
    const column = requireColumn(context, table, name);
    const value = await context.evaluate(`values.${name}`, source);

    if (isNullValue(value)) {
      values[name] = null;
      continue;
    }

    const cast = castToColumnType(column.type, value);
    if (!cast.ok) throw context.fail(`value for column "${name}": ${cast.problem}`);
    values[name] = cast.value;
  }

  return values;
}

/** Evaluates `rowId` to a string; numbers are accepted, anything else is a block error. */
export async function resolveRowId(context: BlockContext<'write'>): Promise<string> {
  const value = await context.evaluate('rowId', context.config.rowId ?? '');

  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value === 'string' && value !== '') return value;
  throw context.fail(
    `rowId must be a row id (a string or an integer), got ${JSON.stringify(value) ?? 'undefined'}`,
  );
}
