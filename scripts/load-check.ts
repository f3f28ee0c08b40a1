/**
 * Load check: sends concurrent previews of a demo workflow to the production server through the
 * `startRun` server action, over loopback, the way the browser does, and checks that
 *
 * - every run succeeds,
 * - every run's queryCount and cacheHits equal those of the same workflow run alone, and
 * - the server's resident memory returns near its level before the burst.
 *
 * It sends two bursts and measures memory around the second. The first one grows what a server
 * grows once and keeps (PGlite's WebAssembly memory, compiled code, the run workers), so only
 * memory that a burst leaves behind counts.
 *
 * Usage: `npm run load-check [-- --quick] [--concurrency N] [--workflow NAME] [--input JSON]`.
 * `--quick` sends bursts of 10 previews instead of 50. Without `BASE_URL`, it starts `next start` on a free loopback port
 * with a fresh PGlite folder (run `npm run build` first) and stops it at the end. With
 * `BASE_URL=http://127.0.0.1:3000`, it uses that server and checks memory only when
 * `--server-pid PID` names the server's process.
 *
 * Server actions are POST requests to a page with the action's id in the `Next-Action` header and
 * the arguments as JSON; the id comes from the build's server reference manifest. The response
 * is in the React Server Components format, whose result line is plain JSON.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const RUN_ACTIONS = 'app/workflows/[id]/runs/actions.ts';
const EDITOR_ACTIONS = 'app/workflows/[id]/actions.ts';
const STARTUP_TIMEOUT_MS = 180_000;
/** Interval of the browser's progress polls (components/run). */
const POLL_INTERVAL_MS = 250;
/** Time the server gets to return to its memory level after the burst. */
const SETTLE_TIMEOUT_MS = 30_000;

/**
 * Resident memory the server may keep above its level before the burst: 25% of that level, at
 * least 64 MB. V8 gives memory back to the system lazily, so an exact return is not expected.
 */
function memoryToleranceBytes(baselineBytes: number): number {
  return Math.max(64 * 1024 * 1024, baselineBytes * 0.25);
}

interface Options {
  concurrency: number;
  workflowName: string;
  input: unknown;
  baseUrl?: string;
  serverPid?: number;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      concurrency: { type: 'string' },
      workflow: { type: 'string', default: 'Sales by country' },
      input: { type: 'string', default: '{}' },
      'server-pid': { type: 'string' },
    },
  });
  const concurrency = Number(values.concurrency ?? (values.quick ? 10 : 50));
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`--concurrency must be a positive integer, got ${values.concurrency}`);
  }

  return {
    concurrency,
    workflowName: values.workflow,
    input: JSON.parse(values.input) as unknown,
    ...(process.env.BASE_URL ? { baseUrl: process.env.BASE_URL.replace(/\/$/, '') } : {}),
    ...(values['server-pid'] ? { serverPid: Number(values['server-pid']) } : {}),
  };
}

function log(message: string): void {
  process.stderr.write(`load-check: ${message}\n`);
}

// ---- the server ----

interface Server {
  baseUrl: string;
  /** Root of the server's process tree, when known. */
  pid?: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startServer(): Promise<Server> {
  if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    throw new Error('No production build found; run `npm run build` first');
  }

  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'flowscope-load-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '--no-node-snapshot',
    FLOWSCOPE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;

  const child = spawn(
    process.execPath,
    [NEXT_BIN, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilServing(baseUrl, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, pid: child.pid!, stop };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;

  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function waitUntilServing(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;

  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with status ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/session?next=/`, { redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`next start did not serve ${baseUrl} within ${STARTUP_TIMEOUT_MS} ms`);
}

// ---- memory of the server's process tree ----

/** Resident memory of the process tree under `rootPid`, without the run workers. */
function serverMemoryBytes(rootPid: number): { server: number; workers: number } | null {
  if (!existsSync('/proc')) return null;

  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }

  const totals = { server: 0, workers: 0 };
  for (const pending = [rootPid]; pending.length > 0;) {
    const pid = pending.pop()!;
    const isWorker = commandOf(pid).includes('worker-main.ts');
    totals[isWorker ? 'workers' : 'server'] += residentBytes(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return totals;
}

function readProcFile(pid: number, name: string): string {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return '';
  }
}

function parentOf(pid: number): number | null {
  // The command name in parentheses may contain spaces, so fields are counted after it.
  const stat = readProcFile(pid, 'stat');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const parent = Number(fields[1]);
  return Number.isInteger(parent) ? parent : null;
}

function commandOf(pid: number): string {
  return readProcFile(pid, 'cmdline').replaceAll('\0', ' ');
}

function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readProcFile(pid, 'status'));
  return match ? Number(match[1]) * 1024 : 0;
}

// ---- server actions over HTTP ----

interface ServerReferenceManifest {
  node: Record<string, { exportedName?: string; filename?: string }>;
}

function actionId(filename: string, exportedName: string): string {
  const file = path.join(ROOT, '.next', 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as ServerReferenceManifest;
  const found = Object.entries(manifest.node).find(
    ([, action]) => action.exportedName === exportedName && action.filename === filename,
  );
  if (!found) throw new Error(`Server action ${exportedName} of ${filename} is not in the build`);
  return found[0];
}

interface Session {
  baseUrl: string;
  cookie: string;
}

async function openSession(baseUrl: string, slug: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/session?tenant=${slug}&next=/`, { redirect: 'manual' });
  await response.arrayBuffer();
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  if (cookie === '') throw new Error(`GET /session?tenant=${slug} set no cookie`);
  return { baseUrl, cookie };
}

type ActionResult = { ok: true } & Record<string, unknown>;

/** Calls a server action with one argument and returns its result object. */
async function callAction(
  session: Session,
  pagePath: string,
  id: string,
  argument: unknown,
): Promise<ActionResult> {
  const response = await fetch(`${session.baseUrl}${pagePath}`, {
    method: 'POST',
    headers: {
      accept: 'text/x-component',
      'content-type': 'text/plain;charset=UTF-8',
      'next-action': id,
      cookie: session.cookie,
    },
    body: JSON.stringify([argument]),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`Server action returned status ${response.status}: ${text.slice(0, 300)}`);

  const result = resultOf(text);
  if (result.ok !== true) throw new Error(`Server action failed: ${String(result.error)}`);
  return result as ActionResult;
}

/** Finds the action's result: the first line of the RSC response that is an object with `ok`. */
function resultOf(text: string): Record<string, unknown> {
  for (const line of text.split('\n')) {
    const payload = /^[0-9a-f]+:(\{.*)$/.exec(line)?.[1];
    if (payload === undefined) continue;

    const parsed = JSON.parse(payload) as Record<string, unknown>;
    if ('ok' in parsed) return parsed;
  }
  throw new Error(`No action result in the response: ${text.slice(0, 300)}`);
}

// ---- previews ----

interface Target {
  session: Session;
  input: unknown;
  workflowId: string;
  versionId: string;
  pagePath: string;
  startRun: string;
  getRun: string;
}

interface RunOutcome {
  runId: string;
  status: string;
  queryCount: number;
  cacheHits: number;
  error: string | null;
}

async function findWorkflow(
  session: Session,
  name: string,
): Promise<Omit<Target, 'session' | 'input'>> {
  const html = await (
    await fetch(`${session.baseUrl}/`, { headers: { cookie: session.cookie } })
  ).text();
  const links = [...html.matchAll(/href="\/workflows\/([0-9a-f-]{36})"[^>]*>([^<]*)</g)];
  const link = links.find((match) => match[2] === name);
  if (!link) throw new Error(`The demo tenant has no workflow named "${name}"`);

  const workflowId = link[1]!;
  const pagePath = `/workflows/${workflowId}`;
  const loaded = await callAction(
    session,
    pagePath,
    actionId(EDITOR_ACTIONS, 'loadWorkflowAction'),
    {
      id: workflowId,
    },
  );
  const versionId = (loaded.version as { id: string }).id;

  return {
    workflowId,
    versionId,
    pagePath,
    startRun: actionId(RUN_ACTIONS, 'startRun'),
    getRun: actionId(RUN_ACTIONS, 'getRun'),
  };
}

/** Previews once as the browser does: start, then poll until the run has ended. */
async function preview(target: Target): Promise<RunOutcome> {
  const { session, pagePath, workflowId, versionId } = target;
  const started = await callAction(session, pagePath, target.startRun, {
    workflowId,
    versionId,
    mode: 'preview',
    input: target.input,
  });
  const runId = started.runId as string;

  let run = started.run as RunDetailLike | null;
  while (run === null || run.status === 'running') {
    await sleep(POLL_INTERVAL_MS);
    run = (await callAction(session, pagePath, target.getRun, { workflowId, runId }))
      .run as RunDetailLike;
  }

  const metrics = run.trace?.metrics;
  return {
    runId,
    status: run.status,
    queryCount: metrics?.queryCount ?? -1,
    cacheHits: metrics?.cacheHits ?? -1,
    error: run.errorMessage,
  };
}

interface RunDetailLike {
  status: string;
  errorMessage: string | null;
  trace: { metrics: { queryCount: number; cacheHits: number } } | null;
}

// ---- the check ----

interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

async function waitForMemory(pid: number, limitBytes: number): Promise<number> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let current = serverMemoryBytes(pid)?.server ?? 0;

  while (current > limitBytes && Date.now() < deadline) {
    await sleep(500);
    current = serverMemoryBytes(pid)?.server ?? 0;
  }
  return current;
}

function burstOf(target: Target, concurrency: number): Promise<RunOutcome[]> {
  return Promise.all(Array.from({ length: concurrency }, () => preview(target)));
}

async function checkLoad(server: Server, options: Options): Promise<Check[]> {
  const session = await openSession(server.baseUrl, 'demo');
  const workflow = await findWorkflow(session, options.workflowName);
  const target = { session, input: options.input, ...workflow };
  const memoryPid = options.serverPid ?? server.pid;

  await preview(target);
  const alone = await preview(target);
  log(`two bursts of ${options.concurrency} concurrent previews of "${options.workflowName}"`);

  const warmUp = await burstOf(target, options.concurrency);
  const before = memoryPid === undefined ? null : serverMemoryBytes(memoryPid);
  const startedAt = performance.now();
  const measured = await burstOf(target, options.concurrency);
  const burstMs = performance.now() - startedAt;
  const peak = memoryPid === undefined ? null : serverMemoryBytes(memoryPid);

  const checks = [aloneCheck(alone), ...runChecks([...warmUp, ...measured], alone, burstMs)];
  if (memoryPid === undefined || before === null || peak === null) {
    checks.push({ name: 'memory', passed: true, detail: 'not measured (no server process id)' });
    return checks;
  }

  const limit = before.server + memoryToleranceBytes(before.server);
  const after = await waitForMemory(memoryPid, limit);
  checks.push({
    name: 'memory returns',
    passed: after <= limit,
    detail: `server ${megabytes(before.server)} before the second burst, ${megabytes(peak.server)} after it, ${megabytes(after)} settled (limit ${megabytes(limit)}); run workers ${megabytes(peak.workers)}`,
  });
  return checks;
}

function aloneCheck(alone: RunOutcome): Check {
  return {
    name: 'alone',
    passed: alone.status === 'success',
    detail: `status ${alone.status}, queryCount ${alone.queryCount}, cacheHits ${alone.cacheHits}${alone.error ? `; ${alone.error}` : ''}`,
  };
}

function runChecks(runs: RunOutcome[], alone: RunOutcome, burstMs: number): Check[] {
  const failed = runs.filter((run) => run.status !== 'success');
  const differing = runs.filter(
    (run) => run.queryCount !== alone.queryCount || run.cacheHits !== alone.cacheHits,
  );
  const firstFailure = failed[0] ? `; first failure: ${failed[0].status} ${failed[0].error}` : '';
  const firstDifference = differing[0]
    ? `, e.g. run ${differing[0].runId}: queryCount ${differing[0].queryCount}, cacheHits ${differing[0].cacheHits}`
    : '';

  return [
    {
      name: 'all succeed',
      passed: failed.length === 0,
      detail: `${runs.length - failed.length} of ${runs.length}; the second burst took ${burstMs.toFixed(0)} ms${firstFailure}`,
    },
    {
      name: 'same metrics as alone',
      passed: differing.length === 0,
      detail:
        differing.length === 0
          ? `every run: queryCount ${alone.queryCount}, cacheHits ${alone.cacheHits}`
          : `${differing.length} differ${firstDifference}`,
    },
  ];
}

async function main(): Promise<number> {
  const options = readOptions();
  const server = options.baseUrl
    ? { baseUrl: options.baseUrl, stop: async () => {} }
    : await startServer();
  log(`server at ${server.baseUrl}`);

  try {
    const checks = await checkLoad(server, options);
    for (const check of checks) {
      process.stdout.write(`${check.passed ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}\n`);
    }
    return checks.every((check) => check.passed) ? 0 : 1;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
