import { createWorkflow, expect, switchTenant, test, uniqueName } from './fixtures';

test.describe('tenants', () => {
  test('foreign workflow URL is not found', async ({ page, browser, baseURL }) => {
    const owner = await createWorkflow(page, uniqueName('tenant-owned'));
    const ownerUrl = page.url();
    const otherContext = await browser.newContext({ baseURL });
    const other = await otherContext.newPage();
    await switchTenant(other, uniqueName('e2e-other'));

    const response = await other.goto(ownerUrl);

    expect(response?.status()).toBe(404);
    await expect(other.getByRole('heading', { name: 'Workflow not found' })).toBeVisible();
    await expect(other.getByTestId('workbench')).toHaveCount(0);
    await expect(other.getByTestId('workflow-name')).toHaveCount(0);

    await other.goto('/');
    await expect(other.getByTestId(`workflow-row-${owner.workflowId}`)).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('workflow-name')).toHaveText(/^tenant-owned-/);
    await otherContext.close();
  });

  test('foreign run URL is not found', async ({ page, browser, baseURL }) => {
    const owner = await createWorkflow(page, uniqueName('tenant-run'));
    const run = await owner.run.preview();
    const otherContext = await browser.newContext({ baseURL });
    const other = await otherContext.newPage();
    await switchTenant(other, uniqueName('e2e-other'));

    const response = await other.goto(`${owner.path}/runs/${run.runId}`);

    expect(response?.status()).toBe(404);
    await expect(other.getByRole('heading', { name: 'Workflow not found' })).toBeVisible();
    await expect(other.getByTestId('timeline-bar')).toHaveCount(0);
    await otherContext.close();
  });
});
