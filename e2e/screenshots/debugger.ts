import path from 'node:path';

import { expect, test } from '@playwright/test';

import { RunPanel } from '../support/run-panel';

const OUTPUT_FILE = path.resolve(import.meta.dirname, '../../docs/screenshot-debugger.png');

test('debugger on a demo preview run', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Customer order review' }).click();
  await expect(page.getByTestId('workbench')).toBeVisible();
  const run = new RunPanel(page);
  await run.setInput({ customerId: 'C009' });
  await page.getByRole('button', { name: 'Close the input editor' }).click();

  // The first run after a server start includes its warm-up, which the timeline would show as
  // one long bar, so the screenshot is of the second run.
  expect((await run.preview()).status).toBe('success');
  expect((await run.preview()).status).toBe('success');
  await run.barsOf('summary').click();
  await expect(run.output).toBeVisible();
  // Lets the canvas finish its fit-view animation and the hover styles settle.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);

  await page.screenshot({ path: OUTPUT_FILE });
});
