// Opens the app at BASE_URL in Chromium as a newcomer would: opens the demo workflow "Sales by
// country", which needs no run input, presses Preview and waits until the run's trace shows in
// the timeline. Exits non-zero when any of that fails. Used by scripts/newcomer-check.sh.

import { chromium } from '@playwright/test';

const baseUrl = process.env.BASE_URL;
if (!baseUrl) {
  process.stderr.write('BASE_URL is not set; pass the address of a running Flowscope app.\n');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});

try {
  const page = await browser.newPage();
  await page.goto(baseUrl);
  await page.getByRole('link', { name: 'Sales by country' }).click();
  await page.getByTestId('run-preview').click();
  await page.getByTestId('timeline-bar').first().waitFor({ timeout: 60_000 });

  const bars = await page.getByTestId('timeline-bar').count();
  process.stdout.write(`Preview returned a trace with ${bars} timeline bars\n`);
} finally {
  await browser.close();
}
