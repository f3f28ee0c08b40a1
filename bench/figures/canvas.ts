/**
 * Measures the canvas in Chromium. A 500-block workflow is previewed from the page and timed
 * from the moment the run's trace arrives (the last server action response) until every
 * block's badges are painted. Then timeline steps are selected, timed from the click until the
 * selection is painted.
 */

import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import type { Page } from '@playwright/test';

import { comparedRow, measurement, notMeasuredRow } from '../harness/rows';
import type { Figure, FigureContext, ResultRow } from '../harness/types';
import { createAppDataDir, startAppServer } from '../support/app-server';
import { seedWorkflow, type SeededWorkflow } from '../support/bench-workflow';
import { launchChromium } from '../support/browser';
import { BENCH_TENANT_SLUG, openPgliteBench } from '../support/databases';
import { checkFile, isMissing } from '../support/engine-modules';
import { jsChainGraph } from '../support/workflows';

const NAME = 'canvas';
const BLOCKS = 500;
const PAGE_TIMING_SOURCE = readFileSync(
  path.join(
    path.dirname(new URL(import.meta.url).pathname),
    '..',
    'support',
    'page-timing.browser.js',
  ),
  'utf8',
);

interface BadgeTiming {
  arrivalMs: number;
  paintedMs: number;
  badgeCount: number;
  responses: { action: string; chunkTimes: number[] }[];
}

/**
 * Seeds one copy of the workflow per preview, because a workflow that has runs opens with the
 * latest run's badges already on the canvas.
 */
async function seedCanvasWorkflows(dataDir: string, count: number): Promise<SeededWorkflow[]> {
  const database = await openPgliteBench(path.join(dataDir, 'pglite'));
  if (isMissing(database)) throw new Error(database.missing);

  try {
    const workflows: SeededWorkflow[] = [];
    for (let index = 0; index < count; index++) {
      const graph = jsChainGraph(BLOCKS - 1, '0');
      const seeded = await seedWorkflow(
        database,
        `Canvas of ${BLOCKS} blocks #${index + 1}`,
        graph,
      );
      if (isMissing(seeded)) throw new Error(seeded.missing);
      workflows.push(seeded);
    }
    return workflows;
  } finally {
    await database.handle.close();
  }
}

async function openWorkflow(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(
    (count) => document.querySelectorAll('.react-flow__node').length >= count,
    BLOCKS,
    {
      timeout: 120_000,
    },
  );
  await page.locator('[data-testid="run-preview"]').waitFor({ state: 'visible' });
}

async function measureBadges(page: Page, urls: string[], warmup: number): Promise<number[]> {
  const samples: number[] = [];

  for (const [index, url] of urls.entries()) {
    await openWorkflow(page, url);
    const script = `window.benchTiming.previewAndWaitForBadges(${BLOCKS})`;
    const timing = (await page.evaluate(script)) as BadgeTiming;
    if (!Number.isFinite(timing.arrivalMs)) {
      const responses = JSON.stringify(timing.responses);
      throw new Error(
        `No server action response arrived before the badges were painted at ${timing.paintedMs} ms: ${responses}`,
      );
    }
    if (index >= warmup) samples.push(timing.paintedMs - timing.arrivalMs);
  }

  return samples;
}

async function measureSelection(page: Page, context: FigureContext): Promise<number[]> {
  await page.locator('[data-testid="timeline-bar"]').first().waitFor({ state: 'visible' });
  const samples: number[] = [];
  const warmup = 5;

  for (let index = 0; index < warmup + context.iterations(100, 10); index++) {
    const elapsed = (await page.evaluate(
      `window.benchTiming.selectTimelineBar(${index * 7})`,
    )) as number;
    if (index >= warmup) samples.push(elapsed);
  }

  return samples;
}

function canvasRows(badges: number[], selection: number[], warmup: number): ResultRow[] {
  const frame = measurement('one frame at 60 Hz', [1000 / 60], 0);

  return [
    comparedRow({
      figure: NAME,
      label: `canvas: ${BLOCKS}-block workflow, trace arrival → badges painted`,
      subject: measurement('Chromium, production build', badges, warmup),
      target: '≤ 500 ms median',
      isMet: ({ subject }) => subject.summary.medianMs <= 500,
    }),
    comparedRow({
      figure: NAME,
      label: 'canvas: selecting a timeline step → painted',
      subject: measurement('click → selection painted', selection, 5),
      reference: frame,
      target: '≤ 16 ms median',
      isMet: ({ subject }) => subject.summary.medianMs <= 16,
    }),
  ];
}

export const canvasFigure: Figure = {
  name: NAME,
  title: `canvas: ${BLOCKS}-block workflow in Chromium, badges and timeline selection`,
  inQuick: false,
  async run(context) {
    const canvas = checkFile('components/canvas/FlowCanvas.tsx');
    if (isMissing(canvas))
      return [notMeasuredRow(NAME, 'canvas', '≤ 500 ms; ≤ 16 ms', canvas.missing)];

    const warmup = context.iterations(2, 1);
    const previews = warmup + context.iterations(15, 3);
    const dataDir = createAppDataDir();
    const workflows = await seedCanvasWorkflows(dataDir, previews);
    const server = await startAppServer(context.log, dataDir);
    const browser = await launchChromium();

    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.addInitScript({ content: PAGE_TIMING_SOURCE });
      const urls = workflows.map(
        ({ workflowId }) =>
          `${server.baseUrl}/session?tenant=${BENCH_TENANT_SLUG}&next=/workflows/${workflowId}`,
      );

      const badges = await measureBadges(page, urls, warmup);
      const selection = await measureSelection(page, context);
      return canvasRows(badges, selection, warmup);
    } finally {
      await browser.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
