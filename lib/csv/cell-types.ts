/**
 * Type inference and conversion of CSV cells. An empty cell and the literal `NULL` are null.
 * A column gets the first type of number, boolean, date that all its non-null cells have, and
 * text otherwise (also when every cell is null).
 *
 * - number: `-12`, `0.5`, `1e3`. A leading zero (`05021`) makes a code, not a number, and so
 *   does a value with more than 15 significant digits, which a double cannot keep exactly.
 *   `0`/`1` columns are numbers, not booleans, because counts and flags look the same.
 * - boolean: `true`/`false` in any letter case.
 * - date: ISO 8601 dates (`1996-07-04`, `1996-07-04 00:00:00.000`, `...T10:00:00+02:00`);
 *   a time without a zone is UTC.
 *
 * Typed cells are trimmed before conversion; text cells are kept exactly.
 */

import type { ColumnType } from '../../engine/types';
import { normaliseIsoDate } from '../data/dates';

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Significant digits a double keeps exactly. */
const MAX_SIGNIFICANT_DIGITS = 15;

const INFERRED_TYPES = ['number', 'boolean', 'date'] as const;

export function isNullCell(cell: string): boolean {
  return cell === '' || cell === 'NULL';
}

/** Infers a column type from its cells. */
export function inferColumnType(cells: Iterable<string>): ColumnType {
  const candidates = new Set<ColumnType>(INFERRED_TYPES);
  let hasValue = false;

  for (const cell of cells) {
    if (isNullCell(cell)) continue;
    hasValue = true;

    for (const type of candidates) {
      if (convertCell(type, cell) === undefined) candidates.delete(type);
    }
    if (candidates.size === 0) return 'text';
  }

  const inferred = INFERRED_TYPES.find((type) => candidates.has(type));
  return hasValue && inferred ? inferred : 'text';
}

/**
 * Converts a cell to a value of the column type: null for a null cell, undefined when the cell
 * does not fit the type.
 */
export function convertCell(type: ColumnType, cell: string): unknown {
  if (isNullCell(cell)) return null;

  const trimmed = cell.trim();
  switch (type) {
    case 'text':
      return cell;
    case 'number':
      return toNumber(trimmed);
    case 'boolean':
      return toBoolean(trimmed);
    case 'date':
      return normaliseIsoDate(trimmed) ?? undefined;
    case 'json':
      return toJson(cell);
  }
}

function toNumber(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;

  const mantissa = text
    .replace(/^-/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '');
  const significant = mantissa.replace(/^0+/, '').replace(/0+$/, '');
  if (significant.length > MAX_SIGNIFICANT_DIGITS) return undefined;

  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function toBoolean(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return undefined;
}

/** Reads a cell of an existing json column as JSON, or as a string when it is not JSON. */
function toJson(cell: string): unknown {
  try {
    return JSON.parse(cell);
  } catch {
    return cell;
  }
}
