/**
 * `npm run flow -- run FILE.json`: runs a workflow graph from a file against the configured
 * database, saves the run like the app does, prints the result as JSON on stdout and the
 * progress on stderr.
 */

import { EXIT_OK, EXIT_USAGE, processIo, type CommandIo } from './cli-io';
import {
  RUN_USAGE,
  parseRunArguments,
  readRunInput,
  readWorkflowFile,
  type RunArguments,
  type WorkflowFile,
} from './run-arguments';

export interface PreparedRun {
  args: RunArguments;
  content: WorkflowFile;
  /** The run input; in snapshot mode taken from the source run instead. */
  input: unknown;
}

/** Runs the command and returns its exit code: 0 success, 1 run failed, 2 bad usage or file. */
export async function runCommand(argv: string[], io: CommandIo = processIo): Promise<number> {
  let prepared: PreparedRun | null;
  try {
    prepared = await prepareRun(argv);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'USAGE' && code !== 'UNREADABLE_FILE') throw error;

    const usage = code === 'USAGE' ? `\n\n${RUN_USAGE}` : '\n';
    io.stderr.write(`${(error as Error).message}${usage}`);
    return EXIT_USAGE;
  }

  if (!prepared) {
    io.stdout.write(RUN_USAGE);
    return EXIT_OK;
  }
  return executeRun(prepared, io);
}

async function prepareRun(argv: string[]): Promise<PreparedRun | null> {
  const args = parseRunArguments(argv);
  if (!args) return null;

  const content = await readWorkflowFile(args.file);
  const input = args.snapshot ? undefined : await readRunInput(args);
  return { args, content, input };
}

async function executeRun(prepared: PreparedRun, io: CommandIo): Promise<number> {
  // Loaded here so that `--help` and usage errors neither read the configuration nor open the
  // database.
  const { executeRunOnDatabase } = await import('./run-execute');
  return executeRunOnDatabase(prepared, io);
}
