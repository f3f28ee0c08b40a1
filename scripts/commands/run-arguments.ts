/**
 * Arguments of `npm run flow -- run`: parsing, and reading the workflow file and the input.
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { ExecutionMode, RunLimits, WorkflowGraph } from '../../engine/types';
import { UsageError } from './cli-io';

export const RUN_USAGE = `Usage: npm run flow -- run FILE.json [options]

Runs the workflow in FILE.json, a JSON object { "graph": { "nodes": [...], "edges": [...] } } that
may also name "workflowId" or "versionId" to run as a version of that workflow, and "name" and
"description" for a new one. Saves the run, prints the whole result as one JSON object on stdout
and the progress on stderr. Exit code: 0 the run succeeded, 1 it failed, 2 bad usage or an
unreadable file.

Options:
  --input JSON          the run input (default {})
  --input-file FILE     read the run input from a JSON file
  --mode MODE           live, preview (default) or snapshot
  --tenant SLUG         tenant to run as (default: demo)
  --max-time-ms N       run time limit in milliseconds (default 30000, capped by the server)
  --max-steps N         step limit, every loop iteration counted (default 1000, capped)
  --source-run ID       snapshot mode: the run to replay
  --checkpoint N        snapshot mode: replay from the variables after this step of the source run
  --commit              snapshot mode: commit writes and send requests instead of staging them
  -h, --help            show this help
`;

export interface WorkflowFile {
  graph: WorkflowGraph;
  workflowId?: string;
  versionId?: string;
  name?: string;
  description?: string;
}

export interface RunArguments {
  file: string;
  mode: ExecutionMode;
  tenant: string;
  limits: Partial<RunLimits>;
  /** Unset in snapshot mode, where the input comes from the source run. */
  inputJson?: string;
  inputFile?: string;
  snapshot?: { sourceRunId: string; checkpointStep: number; commit: boolean };
}

const MODES: ExecutionMode[] = ['live', 'preview', 'snapshot'];

/** Parses the arguments; returns null when help was requested. Throws UsageError. */
export function parseRunArguments(argv: string[]): RunArguments | null {
  const { values, positionals } = parseOrThrow(argv);
  if (values.help) return null;

  if (positionals.length !== 1) {
    const got = positionals.length === 0 ? 'none' : positionals.join(' ');
    throw new UsageError(`Expected one workflow file, got ${got}.`);
  }
  if (values.input !== undefined && values['input-file'] !== undefined) {
    throw new UsageError('Pass either --input or --input-file, not both.');
  }

  const mode = values.mode as ExecutionMode;
  if (!MODES.includes(mode)) {
    throw new UsageError(`--mode must be live, preview or snapshot, got "${values.mode}".`);
  }

  return {
    file: positionals[0]!,
    mode,
    tenant: values.tenant,
    limits: parseLimits(values['max-time-ms'], values['max-steps']),
    ...(values.input !== undefined ? { inputJson: values.input } : {}),
    ...(values['input-file'] !== undefined ? { inputFile: values['input-file'] } : {}),
    ...parseSnapshot(mode, values),
  };
}

function parseOrThrow(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        input: { type: 'string' },
        'input-file': { type: 'string' },
        mode: { type: 'string', default: 'preview' },
        tenant: { type: 'string', default: 'demo' },
        'max-time-ms': { type: 'string' },
        'max-steps': { type: 'string' },
        'source-run': { type: 'string' },
        checkpoint: { type: 'string' },
        commit: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseLimits(
  maxTimeMs: string | undefined,
  maxSteps: string | undefined,
): Partial<RunLimits> {
  return {
    ...(maxTimeMs === undefined
      ? {}
      : { maxExecutionTimeMs: parsePositiveInteger('--max-time-ms', maxTimeMs) }),
    ...(maxSteps === undefined ? {} : { maxSteps: parsePositiveInteger('--max-steps', maxSteps) }),
  };
}

function parsePositiveInteger(option: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new UsageError(`${option} must be a positive integer, got "${text}".`);
  }
  return value;
}

function parseSnapshot(
  mode: ExecutionMode,
  values: {
    input?: string;
    'input-file'?: string;
    'source-run'?: string;
    checkpoint?: string;
    commit: boolean;
  },
): Pick<RunArguments, 'snapshot'> {
  const usesSnapshotOptions =
    values['source-run'] !== undefined || values.checkpoint !== undefined || values.commit;
  if (mode !== 'snapshot') {
    if (usesSnapshotOptions)
      throw new UsageError('--source-run, --checkpoint and --commit need --mode snapshot.');
    return {};
  }

  if (values['source-run'] === undefined || values.checkpoint === undefined) {
    throw new UsageError('--mode snapshot needs --source-run ID and --checkpoint N.');
  }
  if (values.input !== undefined || values['input-file'] !== undefined) {
    throw new UsageError('--mode snapshot takes its input from the source run; remove --input.');
  }

  const checkpointStep = Number(values.checkpoint);
  if (!Number.isSafeInteger(checkpointStep) || checkpointStep < 0) {
    throw new UsageError(
      `--checkpoint must be a step index (0 or more), got "${values.checkpoint}".`,
    );
  }
  return { snapshot: { sourceRunId: values['source-run'], checkpointStep, commit: values.commit } };
}

/** A file that cannot be read or parsed; the command exits with 2. */
export class UnreadableFileError extends Error {
  readonly code = 'UNREADABLE_FILE';

  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

/** Reads and parses a JSON file; throws UnreadableFileError naming the file. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UnreadableFileError(`Cannot read "${file}": ${(error as Error).message}`);
  }

  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UnreadableFileError(`"${file}" is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads the workflow file and checks that it contains a graph object. */
export async function readWorkflowFile(file: string): Promise<WorkflowFile> {
  const content = await readJsonFile(file);
  const graph = (content as { graph?: unknown } | null)?.graph;

  if (
    typeof content !== 'object' ||
    content === null ||
    typeof graph !== 'object' ||
    graph === null
  ) {
    throw new UnreadableFileError(`"${file}" must be a JSON object with a "graph" object`);
  }
  return content as WorkflowFile;
}

/** Reads the run input from --input or --input-file; returns {} when neither is given. */
export async function readRunInput(args: RunArguments): Promise<unknown> {
  if (args.inputFile !== undefined) return readJsonFile(args.inputFile);
  if (args.inputJson === undefined) return {};

  try {
    return JSON.parse(args.inputJson) as unknown;
  } catch (error) {
    throw new UsageError(`--input is not valid JSON: ${(error as Error).message}`);
  }
}

/** Returns the name for a workflow created from the file: its `name`, else the file name. */
export function workflowNameOf(file: string, content: WorkflowFile): string {
  return content.name?.trim() || path.basename(file, path.extname(file));
}
