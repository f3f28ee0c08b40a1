import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunResult, WorkflowGraph } from '../../engine/types';
import type { CommandIo } from './cli-io';

let workDir: string;
let tenantSlug: string;
let runCommand: (argv: string[], io: CommandIo) => Promise<number>;

const GRAPH: WorkflowGraph = {
  nodes: [
    {
      id: 'items',
      type: 'query',
      config: {
        table: 'items',
        filters: [{ column: 'size', op: 'gte', value: 'input.min' }],
        outputKey: 'items',
      },
    },
    { id: 'count', type: 'js', config: { code: 'return vars.items.length;', outputKey: 'count' } },
    { id: 'out', type: 'output', config: { value: 'vars.count' } },
  ],
  edges: [
    { id: 'e1', source: 'items', target: 'count' },
    { id: 'e2', source: 'count', target: 'out' },
  ],
};

function captureIo() {
  const output = { stdout: '', stderr: '' };
  const io: CommandIo = {
    stdout: { write: (text: string) => (output.stdout += text) },
    stderr: { write: (text: string) => (output.stderr += text) },
  };
  return { io, output };
}

async function writeJson(name: string, value: unknown): Promise<string> {
  const file = path.join(workDir, name);
  await writeFile(file, JSON.stringify(value));
  return file;
}

async function run(argv: string[]) {
  const { io, output } = captureIo();
  const exitCode = await runCommand(argv, io);
  const result = output.stdout.startsWith('{')
    ? (JSON.parse(output.stdout) as RunResult)
    : undefined;
  return { exitCode, result, ...output };
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'flowscope-run-command-'));
  // The configuration is read once per process, so it is set before the modules load.
  process.env.FLOWSCOPE_DATA_DIR = path.join(workDir, 'data');
  process.env.LOG_LEVEL = 'silent';

  ({ runCommand } = await import('./run'));
  const { getDatabase, closeDatabase } = await import('../../lib/db/client');
  const { createTenant } = await import('../../lib/repositories/tenants');
  const { createDataTable, insertDataRows } = await import('../../lib/repositories/data-tables');

  const { db } = await getDatabase();
  tenantSlug = `cli-${randomUUID().slice(0, 8)}`;
  const tenant = await createTenant(db, { slug: tenantSlug, name: 'Command line test' });
  const table = await createDataTable(db, tenant.id, {
    name: 'items',
    columns: [{ name: 'size', type: 'number' }],
  });
  await insertDataRows(db, tenant.id, table.id, [{ size: 1 }, { size: 5 }, { size: 9 }]);
  await closeDatabase();
}, 120_000);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('flow run', () => {
  it('prints the help on stdout with --help', async () => {
    const { exitCode, stdout } = await run(['--help']);

    expect(exitCode).toBe(0);
    expect(stdout).toContain('Usage: npm run flow -- run FILE.json [options]');
  });

  it('exits with 2 without a file', async () => {
    const { exitCode, stderr } = await run([]);

    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/^Expected one workflow file, got none\./);
  });

  it('exits with 2 for an unreadable file', async () => {
    const missing = path.join(workDir, 'missing.json');

    const { exitCode, stderr } = await run([missing]);

    expect(exitCode).toBe(2);
    expect(stderr).toContain(`Cannot read "${missing}"`);
  });

  it('exits with 2 for a file without a graph', async () => {
    const file = await writeJson('no-graph.json', { nodes: [] });

    const { exitCode, stderr } = await run([file]);

    expect(exitCode).toBe(2);
    expect(stderr).toBe(`"${file}" must be a JSON object with a "graph" object\n`);
  });

  it('exits with 2 for input that is not JSON', async () => {
    const file = await writeJson('graph.json', { graph: GRAPH });

    const { exitCode, stderr } = await run([file, '--input', '{nope']);

    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/^--input is not valid JSON/);
  });

  it('exits with 2 for an unknown mode', async () => {
    const file = await writeJson('graph.json', { graph: GRAPH });

    const { exitCode, stderr } = await run([file, '--mode', 'dry']);

    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/^--mode must be live, preview or snapshot, got "dry"\./);
  });

  it('runs the file, saves the run and prints the result', async () => {
    const file = await writeJson('count.json', { graph: GRAPH, name: 'Count items' });

    const { exitCode, result, stderr } = await run([
      file,
      '--tenant',
      tenantSlug,
      '--input',
      '{"min": 5}',
      '--mode',
      'live',
    ]);

    expect(exitCode).toBe(0);
    expect(result?.status).toBe('success');
    expect(result?.output).toBe(2);
    expect(stderr).toContain('created workflow "Count items"');
    expect(stderr).toContain('step 0 query "items": executed');

    const { getDatabase, closeDatabase } = await import('../../lib/db/client');
    const { getRun } = await import('../../lib/repositories/runs');
    const { findTenantBySlug } = await import('../../lib/repositories/tenants');
    const { db } = await getDatabase();
    const tenant = await findTenantBySlug(db, tenantSlug);
    const saved = await getRun(db, tenant!.id, result!.executionTrace.runId);
    await closeDatabase();
    expect(saved).toMatchObject({ status: 'success', mode: 'live', output: 2, stepCount: 3 });
  });

  it('reuses the stored version of a workflow with the same graph', async () => {
    const file = await writeJson('first.json', { graph: GRAPH });
    const first = await run([file, '--tenant', tenantSlug, '--input', '{"min": 1}']);
    const again = await writeJson('again.json', {
      graph: GRAPH,
      workflowId: first.result!.executionTrace.workflowId,
    });

    const second = await run([again, '--tenant', tenantSlug, '--input', '{"min": 1}']);

    expect(second.exitCode).toBe(0);
    expect(second.result!.executionTrace.versionId).toBe(first.result!.executionTrace.versionId);
    expect(second.stderr).toContain('version 1 of workflow');
  });

  it('exits with 1 when the run fails and still prints the result', async () => {
    const broken = {
      ...GRAPH,
      nodes: GRAPH.nodes.map((node) =>
        node.id === 'count'
          ? { ...node, config: { code: 'throw new Error("boom");', outputKey: 'count' } }
          : node,
      ),
    };
    const file = await writeJson('broken.json', { graph: broken });

    const { exitCode, result } = await run([file, '--tenant', tenantSlug, '--input', '{"min": 1}']);

    expect(exitCode).toBe(1);
    expect(result?.status).toBe('error');
    expect(result?.executionTrace.error?.blockId).toBe('count');
  });

  it('exits with 1 for an unknown tenant', async () => {
    const file = await writeJson('graph.json', { graph: GRAPH });

    const { exitCode, stderr } = await run([file, '--tenant', 'no-such-tenant']);

    expect(exitCode).toBe(1);
    expect(stderr).toBe(
      'Tenant "no-such-tenant" not found; pass --tenant with an existing tenant slug.\n',
    );
  });

  it('replays a saved run from a checkpoint in snapshot mode', async () => {
    const file = await writeJson('replayed.json', { graph: GRAPH });
    const source = await run([file, '--tenant', tenantSlug, '--input', '{"min": 9}']);
    const sourceRunId = source.result!.executionTrace.runId;

    const replay = await run([
      file,
      '--tenant',
      tenantSlug,
      '--mode',
      'snapshot',
      '--source-run',
      sourceRunId,
      '--checkpoint',
      '0',
    ]);

    expect(replay.exitCode).toBe(0);
    expect(replay.result!.executionTrace.snapshot).toEqual({ sourceRunId, checkpointStep: 0 });
    expect(replay.result!.executionTrace.steps[0]).toMatchObject({
      blockId: 'items',
      skipReason: 'snapshot satisfied (cached output)',
    });
    expect(replay.result!.output).toBe(1);
  });

  it('exits with 2 for snapshot mode without a source run', async () => {
    const file = await writeJson('graph.json', { graph: GRAPH });

    const { exitCode, stderr } = await run([file, '--mode', 'snapshot']);

    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/^--mode snapshot needs --source-run ID and --checkpoint N\./);
  });
});
