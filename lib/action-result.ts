/**
 * The result shape of every server action: data on success, or a message that names what failed
 * and what to do. Actions never throw to the browser, because Next.js hides thrown messages in
 * production builds.
 */

import type { z } from 'zod';

import { logger } from './logger';

export type ActionResult<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: string };

/** Turns zod issues into one sentence: `name: must not be empty; id: invalid UUID`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

/**
 * Runs an action body, turning invalid input into its message and any other error into a
 * logged, generic failure naming `what` failed.
 */
export async function runAction<T extends object>(
  what: string,
  body: () => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  try {
    return await body();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'INVALID_INPUT') {
      return { ok: false, error: `${(error as Error).message}.` };
    }
    logger.error({ err: error }, 'server action failed');
    return {
      ok: false,
      error: `${what} failed because of a server error; try again, and check the server log if it persists.`,
    };
  }
}
