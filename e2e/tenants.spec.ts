import { createWorkflow, expect, test, uniqueName } from './fixtures';

test.describe('tenants', () => {
  test('foreign workflow URL is not found', async ({ page, otherTenantPage: other }) => {
    const owner = await createWorkflow(page, uniqueName('tenant-owned'));

    const response = await other.goto(owner.path);

    expect(response?.status()).toBe(404);
    await expect(other.getByRole('heading', { name: 'Workflow not found' })).toBeVisible();
    await expect(other.getByTestId('workbench')).toHaveCount(0);
    await expect(other.getByTestId('workflow-name')).toHaveCount(0);

    await other.goto('/');
    await expect(other.getByTestId(`workflow-row-${owner.workflowId}`)).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('workflow-name')).toHaveText(/^tenant-owned-/);
  });

  test('foreign run URL is not found', async ({ page, otherTenantPage: other }) => {
    const owner = await createWorkflow(page, uniqueName('tenant-run'));
    const run = await owner.run.preview();

    const response = await other.goto(`${owner.path}/runs/${run.runId}`);

    expect(response?.status()).toBe(404);
    await expect(other.getByRole('heading', { name: 'Run not found' })).toBeVisible();
    await expect(other.getByTestId('timeline-bar')).toHaveCount(0);
  });
});
