/**
 * The replay of `run --mode snapshot`: the checkpoint variables and the executed side effects
 * of a stored source run, built the way the app builds "Replay from here".
 */

import type { SnapshotInput, SnapshotOptions } from '../../engine/types';
import type { Database } from '../../lib/db/client';
import { getRun } from '../../lib/repositories/runs';
import { buildReplayRequest } from '../../lib/run-replay';

/** A source run that cannot be replayed from the checkpoint; the command exits 1. */
export class SourceRunError extends Error {
  readonly code = 'SOURCE_RUN_INVALID';

  constructor(message: string) {
    super(message);
    this.name = 'SourceRunError';
  }
}

export interface LoadedSnapshot {
  inputJson: SnapshotInput;
  options: SnapshotOptions;
}

export async function loadSnapshot(
  db: Database,
  tenantId: string,
  request: { sourceRunId: string; checkpointStep: number; commit: boolean },
): Promise<LoadedSnapshot> {
  const source = await getRun(db, tenantId, request.sourceRunId);
  if (!source?.trace) {
    throw new SourceRunError(
      `Run "${request.sourceRunId}" not found, or it has no trace to replay from`,
    );
  }

  const stepCount = source.trace.steps.length;
  if (request.checkpointStep >= stepCount) {
    throw new SourceRunError(
      `Step ${request.checkpointStep} is not a step of run "${source.id}", which has ${stepCount} steps`,
    );
  }

  const input =
    source.mode === 'snapshot' ? (source.input as SnapshotInput | null)?.input : source.input;
  const replay = buildReplayRequest(
    {
      runId: source.id,
      input: input ?? null,
      trace: source.trace,
      assignments: source.assignments ?? [],
    },
    request.checkpointStep,
    request.commit,
  );
  return { inputJson: replay.inputJson, options: replay.snapshot };
}
