import type { DataColumn } from '../../engine/data';
import type { DataTableRecord } from '../../drizzle/schema';
import type { Database } from '../db/client';
import { createDataTable, findDataTableByName, insertDataRows } from '../repositories/data-tables';
import { convertCell, inferColumnType } from './cell-types';
import { CsvImportError, formatProblems, type CsvProblem } from './errors';
import { parseCsv, type CsvRecord } from './parse-csv';
import { readSource, type CsvSource } from './read-source';

/** Rows per INSERT statement. */
export const IMPORT_BATCH_SIZE = 500;

export interface CsvImportProgress {
  inserted: number;
  total: number;
}

export interface CsvImportOptions {
  tenantId: string;
  tableName: string;
  source: CsvSource;
  /** The file name used in messages. */
  fileName: string;
  /** Import the valid rows and report the invalid lines, instead of importing nothing. */
  skipInvalid?: boolean;
  /**
   * The caller's control for `skipInvalid`, named in the error that lists invalid lines. The
   * default is `--skip-invalid`, the command line's flag.
   */
  skipInvalidOption?: string;
  /** Called after each batch of rows is inserted. */
  onProgress?: (progress: CsvImportProgress) => void;
}

export interface CsvImportResult {
  tableId: string;
  /** Whether the import created the table, as opposed to appending to it. */
  created: boolean;
  columns: DataColumn[];
  inserted: number;
  skipped: CsvProblem[];
}

interface ConvertedRow {
  line: number;
  values: Record<string, unknown>;
}

/**
 * Imports a CSV file into a data table of the tenant: creates the table with inferred column
 * types, or appends to the table of that name when it has the same columns. Everything happens
 * in one transaction, so a failure leaves nothing behind.
 *
 * Invalid lines have the wrong field count, invalid UTF-8, an unclosed quote, or a value that
 * does not fit an existing column. They fail the import with a `CsvImportError`
 * (`CSV_INVALID_ROWS`) that lists them. With `skipInvalid`, the valid rows are imported instead
 * and the invalid lines returned in `skipped`. An empty file or an invalid header always fails.
 */
export async function importCsv(db: Database, options: CsvImportOptions): Promise<CsvImportResult> {
  const parsed = parseCsv(await readSource(options.source), options.fileName);
  const existing = await findDataTableByName(db, options.tenantId, options.tableName);

  const columns = existing
    ? matchExistingColumns(existing, parsed.header, options.fileName)
    : inferColumns(parsed.header, parsed.records);
  const { rows, problems } = convertRecords(columns, parsed.records);
  const skipped = [...parsed.problems, ...problems].sort((a, b) => a.line - b.line);

  if (skipped.length > 0 && !options.skipInvalid) {
    throw invalidRowsError(options.fileName, skipped, options.skipInvalidOption);
  }

  return db.transaction(async (tx) => {
    const table =
      existing ??
      (await createDataTable(tx, options.tenantId, { name: options.tableName, columns }));
    const inserted = await insertInBatches(tx, options, table.id, rows);

    return { tableId: table.id, created: !existing, columns: table.columns, inserted, skipped };
  });
}

async function insertInBatches(
  db: Database,
  options: CsvImportOptions,
  tableId: string,
  rows: ConvertedRow[],
): Promise<number> {
  let inserted = 0;

  for (let start = 0; start < rows.length; start += IMPORT_BATCH_SIZE) {
    const batch = rows.slice(start, start + IMPORT_BATCH_SIZE).map((row) => row.values);
    const count = await insertDataRows(db, options.tenantId, tableId, batch);
    if (count === null) {
      throw new Error(
        `Data table "${options.tableName}" disappeared during the import of "${options.fileName}"`,
      );
    }

    inserted += count;
    options.onProgress?.({ inserted, total: rows.length });
  }

  return inserted;
}

function inferColumns(header: string[], records: CsvRecord[]): DataColumn[] {
  return header.map((name, index) => ({
    name,
    type: inferColumnType(records.map((record) => record.fields[index]!)),
  }));
}

/**
 * Returns the table's columns in file order when the file has exactly the table's columns, in
 * any order. Throws `CSV_COLUMNS_MISMATCH` naming the missing and the extra columns otherwise.
 */
function matchExistingColumns(
  table: DataTableRecord,
  header: string[],
  fileName: string,
): DataColumn[] {
  const byName = new Map(table.columns.map((column) => [column.name, column]));
  const missing = table.columns
    .filter((column) => !header.includes(column.name))
    .map((column) => column.name);
  const extra = header.filter((name) => !byName.has(name));
  if (missing.length === 0 && extra.length === 0) return header.map((name) => byName.get(name)!);

  const details = [
    missing.length > 0 ? `missing from the file: ${quoteAll(missing)}` : '',
    extra.length > 0 ? `not in the table: ${quoteAll(extra)}` : '',
  ].filter(Boolean);
  throw new CsvImportError(
    'CSV_COLUMNS_MISMATCH',
    `Cannot append "${fileName}" to table "${table.name}": the columns differ (${details.join('; ')}). Import it under another table name, or match the table's columns.`,
    fileName,
  );
}

function convertRecords(
  columns: DataColumn[],
  records: CsvRecord[],
): { rows: ConvertedRow[]; problems: CsvProblem[] } {
  const rows: ConvertedRow[] = [];
  const problems: CsvProblem[] = [];

  for (const record of records) {
    const values: Record<string, unknown> = {};
    let problem: string | null = null;

    for (const [index, column] of columns.entries()) {
      const cell = record.fields[index]!;
      const value = convertCell(column.type, cell);
      if (value === undefined) {
        problem = `column "${column.name}" expects a ${column.type}, found ${JSON.stringify(cell)}`;
        break;
      }
      values[column.name] = value;
    }

    if (problem) problems.push({ line: record.line, message: problem });
    else rows.push({ line: record.line, values });
  }

  return { rows, problems };
}

function invalidRowsError(
  fileName: string,
  problems: CsvProblem[],
  skipInvalidOption = '--skip-invalid',
): CsvImportError {
  const noun = problems.length === 1 ? 'line is' : 'lines are';
  return new CsvImportError(
    'CSV_INVALID_ROWS',
    `Cannot import "${fileName}": ${problems.length} ${noun} invalid, so nothing was imported. Fix them, or skip invalid lines (${skipInvalidOption}) to import the rest:\n${formatProblems(problems)}`,
    fileName,
    problems,
  );
}

function quoteAll(names: string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}
