import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createEmptyPostgresDatabase } from '../lib/db/testing/fresh-database';
import type { CommandIo } from './commands/cli-io';
import { main } from './flow';

function captureIo(): CommandIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    out: () => out,
    err: () => err,
  };
}

describe('flow dispatcher', () => {
  it('prints the usage and exits 2 without a command', async () => {
    const io = captureIo();

    expect(await main([], io)).toBe(2);
    expect(io.err()).toContain('Usage: npm run flow -- <command> [options]');
  });

  it('prints the usage and exits 0 with --help', async () => {
    const io = captureIo();

    expect(await main(['--help'], io)).toBe(0);
    expect(io.out()).toContain('import-csv --table NAME FILE.csv');
  });

  it('dispatches run to the run command', async () => {
    const io = captureIo();

    expect(await main(['run', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: npm run flow -- run FILE.json [options]');
  });

  it('rejects an unknown command with exit code 2', async () => {
    const io = captureIo();

    expect(await main(['imprt-csv'], io)).toBe(2);
    expect(io.err()).toMatch(/^Unknown command "imprt-csv"\.\n\nUsage:/);
  });
});

describe('flow import-csv usage', () => {
  const cases: Array<[string, string[], string]> = [
    ['a missing --table', ['x.csv'], 'Missing --table NAME: name the data table to import into.'],
    ['a missing file', ['--table', 'orders'], 'Expected one CSV file, got none.'],
    [
      'two files',
      ['--table', 'orders', 'a.csv', 'b.csv'],
      'Expected one CSV file, got a.csv b.csv.',
    ],
    ['an unknown option', ['--table', 'orders', '--force', 'a.csv'], "Unknown option '--force'"],
  ];

  it.each(cases)('exits 2 on %s', async (_name, argv, message) => {
    const io = captureIo();

    expect(await main(['import-csv', ...argv], io)).toBe(2);
    expect(io.err()).toContain(message);
    expect(io.err()).toContain('Usage: npm run flow -- import-csv');
  });

  it('exits 2 on an unreadable file', async () => {
    const io = captureIo();

    expect(await main(['import-csv', '--table', 'orders', '/nonexistent/orders.csv'], io)).toBe(2);
    expect(io.err()).toBe(
      `Cannot read "/nonexistent/orders.csv": ENOENT: no such file or directory, open '/nonexistent/orders.csv'\n`,
    );
  });

  it('prints its help with exit code 0', async () => {
    const io = captureIo();

    expect(await main(['import-csv', '--help'], io)).toBe(0);
    expect(io.out()).toContain('--skip-invalid');
  });
});

describe('npm run flow -- import-csv', () => {
  let workDir: string;
  let env: NodeJS.ProcessEnv;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'flowscope-cli-'));
    // LOG_LEVEL stays unset, so the exact stderr checks below cover the command line's default.
    env = { ...process.env, FLOWSCOPE_DATA_DIR: path.join(workDir, 'data') };
    delete env.LOG_LEVEL;

    if (process.env.DATABASE_URL) {
      const database = await createEmptyPostgresDatabase(process.env.DATABASE_URL);
      env.DATABASE_URL = database.url;
      dropDatabase = database.drop;
    }

    const rows = Array.from(
      { length: 600 },
      (_, index) => `${10_000 + index},${index % 7 === 0 ? 'NULL' : index * 1.5},0${index}`,
    );
    await writeFile(
      path.join(workDir, 'shipments.csv'),
      `orderID,freight,code\n${rows.join('\n')}\n`,
    );
    await writeFile(path.join(workDir, 'broken.csv'), 'a,b\n1,2\n3\n4,5\n');
  });

  afterAll(async () => {
    await dropDatabase?.();
    await rm(workDir, { recursive: true, force: true });
  });

  function flow(...args: string[]) {
    const result = spawnSync(
      process.execPath,
      ['--no-node-snapshot', '--import', 'tsx', 'scripts/flow.ts', ...args],
      {
        cwd: process.cwd(),
        env,
        encoding: 'utf8',
      },
    );
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('imports a file into the demo tenant with progress on stderr', () => {
    const result = flow('import-csv', '--table', 'shipments', path.join(workDir, 'shipments.csv'));

    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'Imported 600 rows from shipments.csv: created table "shipments" of tenant "demo".\n' +
        'Columns: orderID (number), freight (number), code (text)\n',
    );
    expect(result.stderr).toContain('Importing shipments.csv: 500/600 rows\n');
    expect(result.stderr).toContain('Importing shipments.csv: 600/600 rows\n');
  }, 180_000);

  it('fails with exit code 1 and the invalid lines', () => {
    const result = flow('import-csv', '--table', 'broken', path.join(workDir, 'broken.csv'));

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'Cannot import "broken.csv": 1 line is invalid, so nothing was imported. Fix them, or skip invalid lines (--skip-invalid) to import the rest:\n' +
        '  line 3: expected 2 fields, found 1\n',
    );
  }, 180_000);

  it('skips invalid lines with --skip-invalid', () => {
    const result = flow(
      'import-csv',
      '--table',
      'broken',
      '--skip-invalid',
      path.join(workDir, 'broken.csv'),
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Imported 2 rows from broken.csv: created table "broken" of tenant "demo".',
    );
    expect(result.stderr).toContain(
      'Skipped 1 invalid line:\n  line 3: expected 2 fields, found 1\n',
    );
  }, 180_000);

  it('fails with exit code 1 for an unknown tenant', () => {
    const result = flow(
      'import-csv',
      '--table',
      'orders',
      '--tenant',
      'nobody',
      path.join(workDir, 'shipments.csv'),
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'Tenant "nobody" not found; pass --tenant with an existing tenant slug.\n',
    );
  }, 180_000);
});
