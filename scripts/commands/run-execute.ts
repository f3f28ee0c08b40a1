/**
 * The database half of `npm run flow -- run`: finds the tenant and the workflow version, records
 * the run, runs it on the engine with progress on stderr, and stores the result.
 */

import { runGraph } from '../../engine';
import type { RunOptions } from '../../engine/run-request';
import type { RunResult } from '../../engine/types';
import { getConfig, httpAllowList } from '../../lib/config';
import { closeDatabase, getDatabase, type Database } from '../../lib/db/client';
import { ensureDemoData } from '../../lib/demo/seed';
import { createDataAccess } from '../../lib/engine-data';
import { logger } from '../../lib/logger';
import { createRun, finishRun } from '../../lib/repositories/runs';
import { findTenantBySlug } from '../../lib/repositories/tenants';
import { capRunLimits } from '../../lib/run-limits';
import { EXIT_FAILURE, EXIT_OK, type CommandIo } from './cli-io';
import type { PreparedRun } from './run';
import { writeStepProgress } from './run-progress';
import { loadSnapshot } from './run-snapshot';
import { resolveRunTarget } from './run-target';

/** Error codes that end the command with exit code 1 and their message on stderr. */
const EXPECTED_FAILURES = new Set(['WORKFLOW_NOT_FOUND', 'SOURCE_RUN_INVALID']);

export async function executeRunOnDatabase(prepared: PreparedRun, io: CommandIo): Promise<number> {
  try {
    const { db } = await getDatabase();
    await ensureDemoData(db);

    const tenant = await findTenantBySlug(db, prepared.args.tenant);
    if (!tenant) {
      io.stderr.write(
        `Tenant "${prepared.args.tenant}" not found; pass --tenant with an existing tenant slug.\n`,
      );
      return EXIT_FAILURE;
    }

    const result = await runAndSave(db, tenant.id, prepared, io);
    io.stdout.write(`${JSON.stringify(result)}\n`);
    return result.status === 'success' ? EXIT_OK : EXIT_FAILURE;
  } catch (error) {
    if (!EXPECTED_FAILURES.has(String((error as { code?: unknown }).code))) throw error;

    io.stderr.write(`${(error as Error).message}\n`);
    return EXIT_FAILURE;
  } finally {
    await closeDatabase();
  }
}

async function runAndSave(
  db: Database,
  tenantId: string,
  prepared: PreparedRun,
  io: CommandIo,
): Promise<RunResult> {
  const { args, content } = prepared;
  const config = getConfig();
  const target = await resolveRunTarget(db, tenantId, args.file, content);
  const snapshot = args.snapshot ? await loadSnapshot(db, tenantId, args.snapshot) : undefined;
  const inputJson: unknown = snapshot ? snapshot.inputJson : prepared.input;

  const run = await createRun(db, tenantId, {
    workflowId: target.version.workflowId,
    versionId: target.version.id,
    mode: args.mode,
    input: inputJson,
    ...(args.snapshot
      ? { sourceRunId: args.snapshot.sourceRunId, checkpointStep: args.snapshot.checkpointStep }
      : {}),
  });
  const runId = run!.id;
  io.stderr.write(`Running ${args.file} in ${args.mode} mode as run ${runId}: ${target.note}\n`);

  const options: RunOptions = {
    debug: true,
    runId,
    limits: capRunLimits(args.limits, config),
    memoryLimitMb: config.FLOWSCOPE_ISOLATE_MEMORY_MB,
    ...(snapshot ? { snapshot: snapshot.options } : {}),
  };
  const result = await runGraph({
    workflowVersion: target.version,
    inputJson,
    tenantId,
    executionMode: args.mode,
    options,
    context: {
      data: createDataAccess(db),
      logger: logger.child({ runId, tenantId }),
      httpAllowList: httpAllowList(config),
      onStep: (step) => writeStepProgress(io, step),
    },
  });

  await finishRun(db, tenantId, runId, result);
  const failure = result.executionTrace.error ? `: ${result.executionTrace.error.message}` : '';
  io.stderr.write(`Run ${runId} finished with status ${result.status}${failure}\n`);
  return result;
}
