/**
 * The command-line entry point: `npm run flow -- <command> [options]`.
 * Exit codes: 0 success, 1 failure, 2 bad usage or an unreadable file.
 */

import { pathToFileURL } from 'node:url';

import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, processIo, type CommandIo } from './commands/cli-io';

const USAGE = `Usage: npm run flow -- <command> [options]

Commands:
  import-csv --table NAME FILE.csv [--tenant SLUG] [--skip-invalid]
              import a CSV file into a data table
  run FILE.json [options]
              run the workflow graph in FILE.json, save the run and print its result as JSON

Run \`npm run flow -- <command> --help\` for the options of a command.
Without DATABASE_URL the commands use the embedded database in FLOWSCOPE_DATA_DIR (default .data),
which one process at a time can open: stop the app first.
`;

type Command = (argv: string[], io: CommandIo) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  'import-csv': async () => (await import('./commands/import-csv')).importCsvCommand,
  run: async () => (await import('./commands/run')).runCommand,
};

/** Dispatches to a command and returns its exit code. */
export async function main(argv: string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;

  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(USAGE);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }

  const load = COMMANDS[name];
  if (!load) {
    io.stderr.write(`Unknown command "${name}".\n\n${USAGE}`);
    return EXIT_USAGE;
  }

  try {
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    io.stderr.write(`flow ${name} failed: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT_FAILURE;
  }
}

const isEntryPoint =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  // The commands report their own progress on stderr, where the server's info lines would only
  // bury it; LOG_LEVEL still selects any level.
  process.env.LOG_LEVEL ??= 'warn';
  process.exitCode = await main(process.argv.slice(2));
}
