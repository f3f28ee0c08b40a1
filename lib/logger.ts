import pino from 'pino';

import { getConfig } from './config';

/**
 * The server's structured logger. Log lines are constant text plus a metadata object:
 * `logger.info({ runId }, 'run finished')`. Logs go to stderr so that the command line keeps
 * stdout for its JSON result.
 */
export const logger = pino(
  { name: 'flowscope', level: getConfig().LOG_LEVEL },
  pino.destination({ fd: 2, sync: true }),
);

export type Logger = typeof logger;
