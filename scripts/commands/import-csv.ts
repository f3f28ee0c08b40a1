import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { CsvImportProgress, CsvImportResult } from '../../lib/csv/import-csv';
import { formatProblems } from '../../lib/csv/errors';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, processIo, type CommandIo } from './cli-io';

export const IMPORT_CSV_USAGE = `Usage: npm run flow -- import-csv --table NAME FILE.csv [--tenant SLUG] [--skip-invalid]

Imports a CSV file into a data table: creates the table with inferred column types (number,
boolean, date, text), or appends to the table of that name when it has the same columns.

Options:
  --table NAME      data table to create or append to (required)
  --tenant SLUG     tenant that owns the table (default: demo)
  --skip-invalid    import the valid rows and list the invalid lines, instead of importing nothing
  -h, --help        show this help
`;

interface ImportCsvArguments {
  table: string;
  tenant: string;
  file: string;
  skipInvalid: boolean;
}

/**
 * Runs `import-csv`. Returns the exit code: 0 imported, 1 import failed, 2 bad usage or an
 * unreadable file. Progress goes to stderr and the summary to stdout.
 */
export async function importCsvCommand(argv: string[], io: CommandIo = processIo): Promise<number> {
  let args: ImportCsvArguments | null;
  try {
    args = parseImportArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n\n${IMPORT_CSV_USAGE}`);
    return EXIT_USAGE;
  }
  if (!args) {
    io.stdout.write(IMPORT_CSV_USAGE);
    return EXIT_OK;
  }

  let bytes: Buffer;
  try {
    bytes = await readFile(args.file);
  } catch (error) {
    io.stderr.write(`Cannot read "${args.file}": ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }

  return runImport(args, bytes, io);
}

/** Parses the arguments; returns null when help was requested. */
export function parseImportArguments(argv: string[]): ImportCsvArguments | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        table: { type: 'string' },
        tenant: { type: 'string', default: 'demo' },
        'skip-invalid': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  const { values, positionals } = parsed;
  if (values.help) return null;
  if (!values.table)
    throw new UsageError('Missing --table NAME: name the data table to import into.');
  if (positionals.length !== 1) {
    throw new UsageError(
      `Expected one CSV file, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}.`,
    );
  }

  return {
    table: values.table,
    tenant: values.tenant,
    file: positionals[0]!,
    skipInvalid: values['skip-invalid'],
  };
}

async function runImport(args: ImportCsvArguments, bytes: Buffer, io: CommandIo): Promise<number> {
  // Loaded here so that `--help` and usage errors do not open the database.
  const { getDatabase, closeDatabase } = await import('../../lib/db/client');
  const { importCsv } = await import('../../lib/csv/import-csv');
  const { findTenantBySlug } = await import('../../lib/repositories/tenants');
  const { ensureDemoData } = await import('../../lib/demo/seed');
  const fileName = path.basename(args.file);

  try {
    const { db } = await getDatabase();
    await ensureDemoData(db);

    const tenant = await findTenantBySlug(db, args.tenant);
    if (!tenant) {
      io.stderr.write(
        `Tenant "${args.tenant}" not found; pass --tenant with an existing tenant slug.\n`,
      );
      return EXIT_FAILURE;
    }

    const result = await importCsv(db, {
      tenantId: tenant.id,
      tableName: args.table,
      source: bytes,
      fileName,
      skipInvalid: args.skipInvalid,
      onProgress: (progress) => writeProgress(io, fileName, progress),
    });
    writeSummary(io, args, fileName, result);
    return EXIT_OK;
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return EXIT_FAILURE;
  } finally {
    await closeDatabase();
  }
}

function writeProgress(
  io: CommandIo,
  fileName: string,
  { inserted, total }: CsvImportProgress,
): void {
  const isDone = inserted === total;
  const line = `Importing ${fileName}: ${inserted}/${total} rows`;
  io.stderr.write(io.stderr.isTTY ? `\r${line}${isDone ? '\n' : ''}` : `${line}\n`);
}

function writeSummary(
  io: CommandIo,
  args: ImportCsvArguments,
  fileName: string,
  result: CsvImportResult,
): void {
  const action = result.created ? 'created table' : 'appended to table';
  const columns = result.columns.map((column) => `${column.name} (${column.type})`).join(', ');
  io.stdout.write(
    `Imported ${result.inserted} rows from ${fileName}: ${action} "${args.table}" of tenant "${args.tenant}".\n` +
      `Columns: ${columns}\n`,
  );

  if (result.skipped.length > 0) {
    io.stderr.write(
      `Skipped ${result.skipped.length} invalid ${result.skipped.length === 1 ? 'line' : 'lines'}:\n${formatProblems(result.skipped)}\n`,
    );
  }
}
