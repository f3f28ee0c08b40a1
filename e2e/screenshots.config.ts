import path from 'node:path';

import { defineConfig } from '@playwright/test';

import baseConfig from '../playwright.config';

/**
 * `npm run screenshots`: the production build on a fresh database, which the server seeds with
 * the demo tenant, and the scripts in e2e/screenshots that capture the README's images into
 * docs/. Paths here are relative to this folder.
 */
export default defineConfig({
  ...baseConfig,
  testDir: 'screenshots',
  testMatch: '*.ts',
  testIgnore: [],
  outputDir: '../test-results/screenshots',
  reporter: [['list']],
  use: { ...baseConfig.use, viewport: { width: 1440, height: 900 } },
  webServer: { ...baseConfig.webServer!, cwd: path.resolve(import.meta.dirname, '..') },
});
