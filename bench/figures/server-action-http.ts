/**
 * Previews the "Customer order review" demo workflow through the `startRun` server action over
 * HTTP on the production server, 200 runs one at a time and then 200 with 8 in flight. The
 * references run the same workflow from this process, layer by layer: `runGraph` alone, the
 * engine in a run worker process, and the run service that the action calls, which also records
 * the run and stores its trace. All sides use the demo data on PGlite persisted in a temporary
 * folder.
 */

import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { comparedRow, measurement, notMeasuredRow } from '../harness/rows';
import { sampleConcurrent, sampleInterleaved, type AsyncOperation } from '../harness/timer';
import type { Figure, FigureContext, Measurement, ResultRow } from '../harness/types';
import {
  callServerAction,
  findServerActionId,
  openSession,
  type ActionCall,
} from '../support/app-actions';
import { createAppDataDir, startAppServer } from '../support/app-server';
import type { SeededWorkflow } from '../support/bench-workflow';
import type { BenchDatabase } from '../support/databases';
import { DEMO_WORKFLOW_INPUT, openDemoDatabase, type DemoDatabase } from '../support/demo-workflow';
import { checkFile, isMissing, loadModule } from '../support/engine-modules';
import { loadFlowscope } from '../support/flowscope';

const NAME = 'server-action-http';
const TARGET = 'HTTP overhead ≤ 2 ms p50';
const RUNS = 200;
const CONCURRENCY = 8;
const ACTIONS_FILE = 'app/workflows/[id]/runs/actions.ts';
const INPUT = DEMO_WORKFLOW_INPUT;

type EngineDataModule = typeof import('../../lib/engine-data');
type RunServiceModule = typeof import('../../lib/run-service');
type RunWorkerModule = typeof import('../../lib/run-worker');

/** Seeds the demo data into a data folder for the server, then closes the database. */
async function seedServerDataDir(dataDir: string): Promise<DemoDatabase> {
  const demo = await openDemoDatabase(dataDir);
  if (isMissing(demo)) throw new Error(demo.missing);

  await demo.database.handle.close();
  return demo;
}

/** Interval at which the browser polls a run that outlasts the start action (components/run). */
const POLL_INTERVAL_MS = 250;

interface HttpPreview {
  start: ActionCall;
  getRun: ActionCall;
  request: { workflowId: string; versionId: string; mode: 'preview'; input: unknown };
  /** Runs that finished after `startRun` returned, so the preview polled `getRun`. */
  polledRuns: number;
}

/**
 * Previews over HTTP as the browser does: `startRun`, which returns the finished run when it
 * ends within a moment, else only its id, and then `getRun` every 250 ms until it has ended.
 */
async function previewOverHttp(preview: HttpPreview): Promise<void> {
  let text = await callServerAction(preview.start, preview.request);
  const runId = /"runId":"([0-9a-f-]{36})"/.exec(text)?.[1];
  if (!text.includes('"ok":true') || runId === undefined) {
    throw new Error(`startRun did not start the run: ${text.slice(0, 300)}`);
  }

  const reference = { workflowId: preview.request.workflowId, runId };
  if (text.includes('"run":null')) preview.polledRuns++;
  while (text.includes('"run":null') || text.includes('"status":"running"')) {
    await sleep(POLL_INTERVAL_MS);
    text = await callServerAction(preview.getRun, reference);
  }

  if (!text.includes('"status":"success"')) {
    throw new Error(`Run ${runId} did not succeed: ${text.slice(0, 300)}`);
  }
}

interface Sides {
  http: AsyncOperation;
  runGraph: AsyncOperation;
  worker: AsyncOperation;
  service: AsyncOperation;
}

/**
 * Measures the layers under the action from this process. They are the engine alone, the engine
 * in a run worker process of the server's pool, and the run service, which also stores the run.
 */
async function inProcessSides(database: BenchDatabase, seeded: SeededWorkflow) {
  const engineData = await loadModule<EngineDataModule>('lib/engine-data.ts', 'createDataAccess');
  const service = await loadModule<RunServiceModule>('lib/run-service.ts', 'startWorkflowRun');
  const workers = await loadModule<RunWorkerModule>('lib/run-worker/index.ts', 'runGraphOnServer');
  const flowscope = await loadFlowscope({
    data: isMissing(engineData) ? undefined : engineData.createDataAccess(database.handle.db),
    tenantId: database.tenantId,
  });
  if (isMissing(engineData)) throw new Error(engineData.missing);
  if (isMissing(service)) throw new Error(service.missing);
  if (isMissing(flowscope)) throw new Error(flowscope.missing);
  if (isMissing(workers)) throw new Error(workers.missing);

  const { db } = database.handle;
  const request = {
    tenantId: database.tenantId,
    workflowId: seeded.workflowId,
    versionId: seeded.versionId,
  };
  const data = engineData.createDataAccess(db);
  return {
    runGraph: () => flowscope.preview(seeded.graph, INPUT),
    worker: async () => {
      const result = await workers.runGraphOnServer({
        workflowVersion: {
          id: seeded.versionId,
          workflowId: seeded.workflowId,
          graph: seeded.graph,
        },
        inputJson: INPUT,
        tenantId: database.tenantId,
        executionMode: 'preview',
        options: { debug: true },
        context: { data },
      });
      if (result.status !== 'success') throw new Error(`Worker run ended ${result.status}`);
    },
    service: async () => {
      const started = await service.startWorkflowRun(db, {
        ...request,
        mode: 'preview',
        input: INPUT,
      });
      // The action returns the record that storing the run returned, as this does.
      const finished = await started.finished;
      if (finished?.status !== 'success') {
        throw new Error(`In-process run ended ${finished?.status ?? 'without a stored record'}`);
      }
    },
  };
}

const SIDE_LABELS = [
  'startRun over HTTP',
  'runGraph in-process',
  'runGraph in a run worker process, from this process',
  'run service in this process (worker, and stores the run)',
];

function differenceNote(subject: Measurement, reference: Measurement): string {
  const median = subject.summary.medianMs - reference.summary.medianMs;
  const p99 = subject.summary.p99Ms - reference.summary.p99Ms;
  return `p50 difference ${median.toFixed(2)} ms, p99 difference ${p99.toFixed(2)} ms`;
}

/**
 * The target row, HTTP against the engine alone, then one row per layer against the layer
 * under it, so the difference notes split the overhead into its parts.
 */
function rowsFor(mode: string, samples: number[][], warmup: number): ResultRow[] {
  const [http, runGraph, worker, service] = samples.map((list, index) =>
    measurement(SIDE_LABELS[index]!, list, warmup),
  ) as [Measurement, Measurement, Measurement, Measurement];
  const layer = (label: string, subject: Measurement, reference: Measurement, target: string) =>
    comparedRow({
      figure: NAME,
      label: `demo workflow preview, ${mode}: ${label}`,
      subject,
      reference,
      target,
      notes: [differenceNote(subject, reference)],
    });

  return [
    comparedRow({
      figure: NAME,
      label: `demo workflow preview, ${mode}: HTTP vs runGraph`,
      subject: http,
      reference: runGraph,
      target: TARGET,
      isMet: () => http.summary.medianMs - runGraph.summary.medianMs <= 2,
      notes: [differenceNote(http, runGraph)],
    }),
    layer(
      'worker process vs runGraph',
      worker,
      runGraph,
      'context: what running in a worker process adds',
    ),
    layer('run service vs worker process', service, worker, 'context: what storing the run adds'),
    layer('HTTP vs run service', http, service, 'context: what HTTP and the action add'),
  ];
}

function withPollNote(rows: ResultRow[], polledRuns: number): ResultRow[] {
  if (polledRuns === 0) return rows;

  const note = `${polledRuns} HTTP previews, warm-up included, outlasted startRun's wait and polled getRun every ${POLL_INTERVAL_MS} ms, as the browser does`;
  return rows.map((row, index) =>
    index === 0 ? { ...row, notes: [...(row.notes ?? []), note] } : row,
  );
}

async function measureSides(sides: Sides, context: FigureContext): Promise<ResultRow[]> {
  const operations = [sides.http, sides.runGraph, sides.worker, sides.service];
  const warmup = 20;
  const sequential = await sampleInterleaved(operations, {
    warmupIterations: warmup,
    iterations: RUNS,
  });
  context.log('measured one at a time');

  const concurrent: number[][] = [];
  for (const operation of operations) {
    concurrent.push(await sampleConcurrent(operation, { total: RUNS, concurrency: CONCURRENCY }));
  }
  context.log(`measured ${CONCURRENCY} at a time`);

  // The concurrent phase follows the sequential one, which already warmed every side up.
  return [
    ...rowsFor('one at a time', sequential, warmup),
    ...rowsFor(`${CONCURRENCY} at a time`, concurrent, 0),
  ];
}

export const serverActionHttpFigure: Figure = {
  name: NAME,
  title: 'workflow preview through the server action over HTTP vs runGraph in-process',
  inQuick: false,
  async run(context) {
    const app = checkFile(ACTIONS_FILE);
    if (isMissing(app))
      return [notMeasuredRow(NAME, 'workflow preview over HTTP', TARGET, app.missing)];

    const serverDir = createAppDataDir();
    const served = await seedServerDataDir(serverDir);
    const server = await startAppServer(context.log, serverDir);
    const referenceDir = createAppDataDir();
    const reference = await openDemoDatabase(referenceDir);
    if (isMissing(reference)) throw new Error(reference.missing);

    try {
      const inProcess = await inProcessSides(reference.database, reference.workflow);
      context.log('server and in-process sides ready');

      const { workflowId, versionId } = served.workflow;
      const cookie = await openSession(server.baseUrl, served.tenantSlug);
      const actionCall = (name: string) => ({
        baseUrl: server.baseUrl,
        pagePath: `/workflows/${workflowId}`,
        actionId: findServerActionId(ACTIONS_FILE, name),
        cookie,
      });
      const preview: HttpPreview = {
        start: actionCall('startRun'),
        getRun: actionCall('getRun'),
        request: { workflowId, versionId, mode: 'preview', input: INPUT },
        polledRuns: 0,
      };
      const http = () => previewOverHttp(preview);

      const rows = await measureSides({ http, ...inProcess }, context);
      return withPollNote(rows, preview.polledRuns);
    } finally {
      await reference.database.handle.close();
      rmSync(referenceDir, { recursive: true, force: true });
      await server.stop();
    }
  },
};
