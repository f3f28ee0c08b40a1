/**
 * Loads the product modules the figures measure. A module that is not in the repository yet
 * yields the reason instead of an error, so its figures are listed as not measured. A module
 * that exists but fails to load is a crash.
 */

import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPOSITORY_ROOT = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '..',
  '..',
);

export type Loaded<T> = T | { missing: string };

/** Imports `relativePath` (from the repository root) when it exists and exports `exportName`. */
export async function loadModule<T>(relativePath: string, exportName: string): Promise<Loaded<T>> {
  const file = path.join(REPOSITORY_ROOT, relativePath);
  if (!existsSync(file)) return { missing: `${relativePath} is not in the repository yet` };

  const loaded = (await import(file)) as Record<string, unknown>;
  if (!(exportName in loaded)) {
    return { missing: `${relativePath} does not export ${exportName} yet` };
  }

  return loaded as T;
}

/** Checks that a file exists (from the repository root) without importing it. */
export function checkFile(relativePath: string): Loaded<{ file: string }> {
  const file = path.join(REPOSITORY_ROOT, relativePath);
  return existsSync(file) ? { file } : { missing: `${relativePath} is not in the repository yet` };
}

export function isMissing<T>(loaded: Loaded<T>): loaded is { missing: string } {
  return typeof loaded === 'object' && loaded !== null && 'missing' in loaded;
}
