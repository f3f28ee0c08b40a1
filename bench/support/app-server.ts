/**
 * The production app for the HTTP and canvas figures: `next build` when no build exists, then
 * `next start` on a free loopback port with a fresh data folder, as the end-to-end tests run it.
 */

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { REPOSITORY_ROOT } from './engine-modules';

const NEXT_BIN = path.join(REPOSITORY_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const STARTUP_TIMEOUT_MS = 120_000;

export interface AppServer {
  baseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function serverEnvironment(port: number, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '--no-node-snapshot',
    PORT: String(port),
    FLOWSCOPE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  return env;
}

/** Builds the app when `.next/BUILD_ID` is missing; throws when the build fails. */
export function ensureProductionBuild(log: (message: string) => void): void {
  if (existsSync(path.join(REPOSITORY_ROOT, '.next', 'BUILD_ID'))) return;

  log('no production build found: running next build (a few minutes)');
  const build = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: REPOSITORY_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '--no-node-snapshot' },
  });
  if (build.status !== 0) throw new Error(`next build failed with status ${build.status}`);
}

async function waitUntilServing(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;

  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with status ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/`, { redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  throw new Error(`next start did not serve ${baseUrl}/ within ${STARTUP_TIMEOUT_MS} ms`);
}

/** Creates an empty temporary data folder for the app; `startAppServer` removes it on stop. */
export function createAppDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'flowscope-bench-'));
}

/**
 * Starts `next start` on PGlite in `dataDir` (a fresh temporary folder by default) and waits
 * until it serves `/`. Stopping the server removes the folder.
 */
export async function startAppServer(
  log: (message: string) => void,
  dataDir = createAppDataDir(),
): Promise<AppServer> {
  ensureProductionBuild(log);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  const child = spawn(
    process.execPath,
    [NEXT_BIN, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    {
      cwd: REPOSITORY_ROOT,
      env: serverEnvironment(port, dataDir),
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );

  child.once('exit', (code, signal) => {
    if (!stopping) log(`next start exited unexpectedly (code ${code}, signal ${signal})`);
  });
  let stopping = false;

  const stop = async () => {
    stopping = true;
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilServing(baseUrl, child);
  } catch (error) {
    await stop();
    throw error;
  }

  return { baseUrl, dataDir, stop };
}
