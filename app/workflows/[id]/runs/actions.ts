'use server';

import type { z } from 'zod';

import type { ActionResult } from '@/lib/action-result';
import { getDatabase, type Database } from '@/lib/db/client';
import type { RunDetail, RunListItem } from '@/lib/run-view';
import { getSessionTenantId } from '@/lib/session';

import {
  getRunCommand,
  listRunsCommand,
  replayCommand,
  runProgressCommand,
  startRunCommand,
  type listSchema,
  type ProgressResult,
  type progressSchema,
  type replaySchema,
  type runRefSchema,
  type StartedRunResult,
  type startRunSchema,
} from './run-commands';

async function withSession<T>(
  command: (db: Database, tenantId: string, request: unknown) => Promise<T>,
  request: unknown,
): Promise<T> {
  const tenantId = await getSessionTenantId();
  const { db } = await getDatabase();
  return command(db, tenantId, request);
}

/**
 * Starts a preview or live run of a saved version. Returns the finished run when it ends within
 * a moment, else its id; the browser then polls `getRunProgress`.
 */
export async function startRun(request: z.input<typeof startRunSchema>): Promise<StartedRunResult> {
  return withSession(startRunCommand, request);
}

/**
 * Starts a replay of a finished run from the variables after `checkpointStep`: a snapshot run,
 * staged unless `commit` is set.
 */
export async function replayFromStep(
  request: z.input<typeof replaySchema>,
): Promise<StartedRunResult> {
  return withSession(replayCommand, request);
}

/**
 * Reports a run's steps after the first `afterStep` and the blocks running now, or the finished
 * run once it has ended.
 */
export async function getRunProgress(
  request: z.input<typeof progressSchema>,
): Promise<ProgressResult> {
  return withSession(runProgressCommand, request);
}

/** Loads a run with its trace and its replays. */
export async function getRun(
  request: z.input<typeof runRefSchema>,
): Promise<ActionResult<{ run: RunDetail }>> {
  return withSession(getRunCommand, request);
}

/** Lists a workflow's runs, newest first, without traces. */
export async function listRuns(
  request: z.input<typeof listSchema>,
): Promise<ActionResult<{ runs: RunListItem[] }>> {
  return withSession(listRunsCommand, request);
}
