/**
 * The server's start steps, run once before it serves requests: open the database (which
 * applies pending migrations), seed an empty database with the demo data, and mark the runs
 * that a previous process left `running` as `interrupted`.
 */

import { getDatabase } from './db/client';
import { ensureDemoData } from './demo/seed';
import { logger } from './logger';
import { markRunningRunsInterrupted } from './repositories/runs';

const globalForStart = globalThis as typeof globalThis & {
  flowscopeServerStart?: Promise<void>;
};

/**
 * Runs the start steps once per process; later calls return the same promise. A failed start is
 * logged and rethrown, and the next call tries again.
 */
export function startServer(): Promise<void> {
  if (!globalForStart.flowscopeServerStart) {
    const starting = runStartSteps();
    starting.catch((error: unknown) => {
      logger.error({ err: error }, 'server start failed');
      globalForStart.flowscopeServerStart = undefined;
    });
    globalForStart.flowscopeServerStart = starting;
  }

  return globalForStart.flowscopeServerStart;
}

async function runStartSteps(): Promise<void> {
  logger.info('server start: opening the database');
  const { db, kind, location } = await getDatabase();
  logger.info({ kind, location }, 'server start: database open and migrated');

  const seed = await ensureDemoData(db);
  logger.info(
    { seeded: seed.seeded, tenantId: seed.tenantId },
    seed.seeded ? 'server start: demo data seeded' : 'server start: demo data not needed',
  );

  const interrupted = await markRunningRunsInterrupted(db);
  logger.info({ interrupted }, 'server start: unfinished runs marked interrupted');
}
