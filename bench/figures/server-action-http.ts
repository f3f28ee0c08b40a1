/**
 * Previews the "Customer order review" demo workflow through the `startRun` server action over
 * HTTP on the production server, 200 runs one at a time and then 200 with 8 in flight. The
 * references run the same workflow in this process, through `runGraph` and through the run
 * service that the action calls, which also stores the run and its trace. Both sides use the
 * demo data on PGlite persisted in a temporary folder.
 */

import { rmSync } from 'node:fs';

import { comparedRow, measurement, notMeasuredRow } from '../harness/rows';
import { sampleConcurrent, sampleInterleaved, type AsyncOperation } from '../harness/timer';
import type { Figure, FigureContext, ResultRow } from '../harness/types';
import { callServerAction, findServerActionId, openSession } from '../support/app-actions';
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

/** Seeds the demo data into a data folder for the server, then closes the database. */
async function seedServerDataDir(dataDir: string): Promise<DemoDatabase> {
  const demo = await openDemoDatabase(dataDir);
  if (isMissing(demo)) throw new Error(demo.missing);

  await demo.database.handle.close();
  return demo;
}

function expectSuccess(text: string): void {
  if (!text.includes('"ok":true') || !text.includes('"status":"success"')) {
    throw new Error(`startRun did not report a successful run: ${text.slice(0, 300)}`);
  }
}

interface Sides {
  http: AsyncOperation;
  runGraph: AsyncOperation;
  service: AsyncOperation;
}

async function inProcessSides(database: BenchDatabase, seeded: SeededWorkflow) {
  const engineData = await loadModule<EngineDataModule>('lib/engine-data.ts', 'createDataAccess');
  const service = await loadModule<RunServiceModule>('lib/run-service.ts', 'startWorkflowRun');
  const flowscope = await loadFlowscope({
    data: isMissing(engineData) ? undefined : engineData.createDataAccess(database.handle.db),
    tenantId: database.tenantId,
  });
  if (isMissing(engineData)) throw new Error(engineData.missing);
  if (isMissing(service)) throw new Error(service.missing);
  if (isMissing(flowscope)) throw new Error(flowscope.missing);

  const { db } = database.handle;
  const request = {
    tenantId: database.tenantId,
    workflowId: seeded.workflowId,
    versionId: seeded.versionId,
  };
  return {
    runGraph: () => flowscope.preview(seeded.graph, INPUT),
    service: async () => {
      const started = await service.startWorkflowRun(db, {
        ...request,
        mode: 'preview',
        input: INPUT,
      });
      await service.waitForRun(started, 400);
      const detail = await service.loadRunDetail(
        db,
        request.tenantId,
        request.workflowId,
        started.runId,
      );
      if (detail?.status !== 'success') throw new Error(`In-process run ended ${detail?.status}`);
    },
  };
}

function rowsFor(mode: string, samples: number[][], warmup: number): ResultRow[] {
  const [http, runGraph, service] = samples.map((list, index) =>
    measurement(
      ['startRun over HTTP', 'runGraph in-process', 'run service in-process (stores the run)'][
        index
      ]!,
      list!,
      warmup,
    ),
  );
  const overheadIsMet = () => http!.summary.medianMs - runGraph!.summary.medianMs <= 2;

  return [
    comparedRow({
      figure: NAME,
      label: `demo workflow preview, ${mode}: HTTP vs runGraph`,
      subject: http!,
      reference: runGraph,
      target: TARGET,
      isMet: overheadIsMet,
      notes: [
        `p50 difference ${(http!.summary.medianMs - runGraph!.summary.medianMs).toFixed(2)} ms, ` +
          `p99 difference ${(http!.summary.p99Ms - runGraph!.summary.p99Ms).toFixed(2)} ms`,
      ],
    }),
    comparedRow({
      figure: NAME,
      label: `demo workflow preview, ${mode}: HTTP vs run service`,
      subject: http!,
      reference: service,
      target: 'context: what HTTP and the action add to the stored run',
    }),
  ];
}

async function measureSides(sides: Sides, context: FigureContext): Promise<ResultRow[]> {
  const operations = [sides.http, sides.runGraph, sides.service];
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
      const call = {
        baseUrl: server.baseUrl,
        pagePath: `/workflows/${workflowId}`,
        actionId: findServerActionId(ACTIONS_FILE, 'startRun'),
        cookie: await openSession(server.baseUrl, served.tenantSlug),
      };
      const request = { workflowId, versionId, mode: 'preview', input: INPUT };
      const http = async () => expectSuccess(await callServerAction(call, request));

      return await measureSides({ http, ...inProcess }, context);
    } finally {
      await reference.database.handle.close();
      rmSync(referenceDir, { recursive: true, force: true });
      await server.stop();
    }
  },
};
