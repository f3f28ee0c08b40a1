import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createEmptyPostgresDatabase } from './db/testing/fresh-database';

type ServerStartModule = typeof import('./server-start');
type ClientModule = typeof import('./db/client');

const globalForStart = globalThis as typeof globalThis & { flowscopeServerStart?: Promise<void> };

let dataDir: string;
let dropDatabase: (() => Promise<void>) | undefined;
let serverStart: ServerStartModule;
let client: ClientModule;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'flowscope-start-'));
  process.env.FLOWSCOPE_DATA_DIR = dataDir;
  process.env.LOG_LEVEL = 'silent';

  if (process.env.DATABASE_URL) {
    const database = await createEmptyPostgresDatabase(process.env.DATABASE_URL);
    process.env.DATABASE_URL = database.url;
    dropDatabase = database.drop;
  }

  // Imported after the environment is set, because the configuration is read once.
  serverStart = await import('./server-start');
  client = await import('./db/client');
});

afterAll(async () => {
  await client?.closeDatabase();
  await dropDatabase?.();
  await rm(dataDir, { recursive: true, force: true });
});

async function restartServer(): Promise<void> {
  globalForStart.flowscopeServerStart = undefined;
  await serverStart.startServer();
}

describe('startServer', () => {
  it('opens the database and seeds the demo tenant', async () => {
    const { findTenantBySlug } = await import('./repositories/tenants');

    await serverStart.startServer();

    const { db } = await client.getDatabase();
    expect(await findTenantBySlug(db, 'demo')).toMatchObject({ name: 'Demo' });
  });

  it('runs once per process', () => {
    expect(serverStart.startServer()).toBe(serverStart.startServer());
  });

  it('marks runs left running by a previous process as interrupted', async () => {
    const { findTenantBySlug } = await import('./repositories/tenants');
    const { createWorkflow } = await import('./repositories/workflows');
    const { createRun, getRun, INTERRUPTED_MESSAGE } = await import('./repositories/runs');
    const { db } = await client.getDatabase();
    const tenant = await findTenantBySlug(db, 'demo');
    const { workflow, version } = await createWorkflow(db, tenant!.id, { name: 'Left running' });
    const run = await createRun(db, tenant!.id, {
      workflowId: workflow.id,
      versionId: version.id,
      mode: 'live',
    });

    await restartServer();

    expect(await getRun(db, tenant!.id, run!.id)).toMatchObject({
      status: 'interrupted',
      errorMessage: INTERRUPTED_MESSAGE,
    });
  });
});

describe('instrumentation register', () => {
  it('starts the server in the Node.js runtime', async () => {
    const { register } = await import('../instrumentation');
    globalForStart.flowscopeServerStart = undefined;
    process.env.NEXT_RUNTIME = 'nodejs';

    await register();

    expect(globalForStart.flowscopeServerStart).toBeInstanceOf(Promise);
  });

  it('does nothing in the edge runtime', async () => {
    const { register } = await import('../instrumentation');
    globalForStart.flowscopeServerStart = undefined;
    process.env.NEXT_RUNTIME = 'edge';

    await register();

    expect(globalForStart.flowscopeServerStart).toBeUndefined();
  });
});
