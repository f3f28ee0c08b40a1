import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the production build (`next build`, then `next start`) in Debian's
 * Chromium. Each run gets a free port and a fresh PGlite folder; with `DATABASE_URL` set the
 * server uses that PostgreSQL database instead.
 */

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// The runner evaluates this file in every worker; the environment keeps the first choice.
process.env.E2E_PORT ??= String(await findFreePort());
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'flowscope-e2e-'));

const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  testIgnore: '**/screenshots/**',
  // A `test.only` left in a spec would make CI run one test and pass.
  forbidOnly: Boolean(process.env.CI),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Building a workflow block by block through the palette took 20 to 60 s per test on a
  // 2-core machine, and a busier one needs room above that.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    baseURL,
    // Room for a workflow of about ten blocks at a readable zoom, with the run panel below it.
    viewport: { width: 1600, height: 1000 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    // A static file, because every page redirects a client without a session cookie to /session
    // and back, so polling `/` only ever returns redirects.
    url: `${baseURL}/icon.svg`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      FLOWSCOPE_DATA_DIR: process.env.E2E_DATA_DIR,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
  },
});
