/**
 * Shared fixtures of the end-to-end specs. Every test runs in a tenant of its own, created for
 * it through `/session`, so its workflows and data tables never meet those of another test or of
 * an earlier run on the same database.
 */

import { randomBytes } from 'node:crypto';

import { test as base, expect, type Page } from '@playwright/test';

import { TablesPage } from './support/tables-page';
import { Workbench } from './support/workbench';

export { expect };

/** Returns a name that no other test or earlier run uses: `<prefix>-<time>-<random>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Switches the page's browser session to the tenant with `slug`, creating it when new. */
export async function switchTenant(page: Page, slug: string): Promise<void> {
  await page.goto(`/session?tenant=${encodeURIComponent(slug)}&next=/`);
  await expect(page.getByTestId('current-tenant')).toHaveText(slug);
}

/** Creates a workflow from the workflow list and returns its open workbench. */
export async function createWorkflow(page: Page, name: string): Promise<Workbench> {
  await page.goto('/');
  await page.getByTestId('new-workflow').click();
  await page.getByTestId('workflow-name-input').fill(name);
  await page.getByTestId('name-submit').click();

  await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('workflow-name')).toHaveText(name);
  const workflowId = new URL(page.url()).pathname.split('/')[2]!;
  return new Workbench(page, workflowId);
}

interface Fixtures {
  /** Slug of the test's own tenant. The page's session is on it when the test starts. */
  tenant: string;
  tables: TablesPage;
  /** Creates a workflow named `<prefix>-<unique suffix>` and opens it. */
  newWorkflow: (prefix: string) => Promise<Workbench>;
  /** A page in a browser context of its own, whose session is on another new tenant. */
  otherTenantPage: Page;
}

export const test = base.extend<Fixtures>({
  tenant: [
    async ({ page }, provide) => {
      const slug = uniqueName('e2e');
      await switchTenant(page, slug);
      await provide(slug);
    },
    { auto: true },
  ],

  tables: async ({ page }, provide) => {
    await provide(new TablesPage(page));
  },

  newWorkflow: async ({ page }, provide) => {
    await provide((prefix) => createWorkflow(page, uniqueName(prefix)));
  },

  otherTenantPage: async ({ browser, baseURL }, provide) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await switchTenant(page, uniqueName('e2e-other'));

    await provide(page);
    await context.close();
  },
});
