/**
 * A server killed during a run: a real process holds a run in a worker, is killed with SIGKILL,
 * and the next server start marks the run it left `running` as `interrupted`, with the time. Its
 * worker process exits on its own once the server is gone.
 *
 * The test uses a database of its own (a fresh PGlite folder, or a fresh PostgreSQL database on
 * the `DATABASE_URL` server), because the start step marks the running runs of every tenant and
 * would otherwise end the runs of test files running beside it.
 */

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const HOLDER = path.join('test', 'hardening', 'fixtures', 'hold-run.ts');

interface HeldRun {
  tenantId: string;
  runId: string;
  workerPids: number[];
}

const serverUrl = process.env.DATABASE_URL || undefined;
let dataDir: string | undefined;
let databaseName: string | undefined;

/** Returns the environment of this test's own database, for the holder process and this one. */
function databaseEnv(): Record<string, string> {
  if (serverUrl === undefined) return { FLOWSCOPE_DATA_DIR: dataDir!, DATABASE_URL: '' };

  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return { DATABASE_URL: url.href };
}

async function onServer(statement: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const sql = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  try {
    await statement(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

beforeAll(async () => {
  if (serverUrl === undefined) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'flowscope-restart-'));
  } else {
    databaseName = `flowscope_restart_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await onServer((sql) => sql.unsafe(`CREATE DATABASE ${databaseName}`));
  }
  Object.assign(process.env, databaseEnv());
});

afterAll(async () => {
  const { closeDatabase } = await import('../../lib/db/client');
  await closeDatabase();
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  if (databaseName !== undefined) {
    await onServer((sql) => sql.unsafe(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`));
  }
});

/** Starts the holder process and waits for the line that reports its run is executing. */
async function startHolder(): Promise<{ held: HeldRun; kill(): Promise<void> }> {
  const holder = spawn(process.execPath, ['--no-node-snapshot', '--import', 'tsx', HOLDER], {
    env: { ...process.env, ...databaseEnv(), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => holder.once('exit', () => resolve()));

  const lines = createInterface({ input: holder.stdout! });
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    holder.once('exit', (code, signal) =>
      reject(new Error(`The holder process exited early (${code ?? signal})`)),
    );
  });
  lines.close();

  return {
    held: JSON.parse(firstLine) as HeldRun,
    kill: async () => {
      holder.kill('SIGKILL');
      await exited;
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pids: number[]): Promise<boolean> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (!pids.some(isAlive)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('server killed during a run', () => {
  it('marks the run interrupted at the next start', { timeout: 180_000 }, async () => {
    const holder = await startHolder();
    const { held } = holder;

    await holder.kill();
    const workersGone = await waitUntilGone(held.workerPids);
    const startedAt = new Date();
    const { startServer } = await import('../../lib/server-start');
    await startServer();
    const { getDatabase } = await import('../../lib/db/client');
    const { getRun, INTERRUPTED_MESSAGE } = await import('../../lib/repositories/runs');
    const run = await getRun((await getDatabase()).db, held.tenantId, held.runId);

    expect(held.workerPids).toHaveLength(1);
    expect(workersGone).toBe(true);
    expect(run?.status).toBe('interrupted');
    expect(run?.errorMessage).toBe(INTERRUPTED_MESSAGE);
    expect(run?.errorMessage).toBe('The server stopped while the run was in progress');
    expect(run?.finishedAt).toBeInstanceOf(Date);
    expect(run!.finishedAt!.getTime()).toBeGreaterThanOrEqual(startedAt.getTime() - 1000);
    expect(run?.trace).toBeNull();
  });
});
