/**
 * Installs Node-RED into bench/.cache/node-red on first use. It is a peer for comparison only,
 * never a dependency of the app, so it stays out of package.json.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The Node-RED release the peer figures were written against. */
export const NODE_RED_VERSION = '5.0.7';

export const NODE_RED_CACHE_DIR = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '..',
  '.cache',
  'node-red',
);

function installedVersion(): string | undefined {
  const manifest = path.join(NODE_RED_CACHE_DIR, 'node_modules', 'node-red', 'package.json');
  if (!existsSync(manifest)) return undefined;

  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Installs the pinned Node-RED release unless it is already there; returns the cache folder. */
export function ensureNodeRedInstalled(log: (message: string) => void): string {
  if (installedVersion() === NODE_RED_VERSION) return NODE_RED_CACHE_DIR;

  log(`installing node-red@${NODE_RED_VERSION} into bench/.cache/node-red (first use only)`);
  mkdirSync(NODE_RED_CACHE_DIR, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(
    npm,
    [
      'install',
      '--prefix',
      NODE_RED_CACHE_DIR,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `node-red@${NODE_RED_VERSION}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );

  if (install.status !== 0 || installedVersion() !== NODE_RED_VERSION) {
    throw new Error(
      `npm install node-red@${NODE_RED_VERSION} failed with status ${install.status}; ` +
        'check that the npm registry is reachable, or delete bench/.cache/node-red and retry',
    );
  }

  return NODE_RED_CACHE_DIR;
}
