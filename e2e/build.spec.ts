import { expect, test } from './fixtures';
import { buildOrderReview, importOrderTables } from './support/recipes';

test.describe('build from scratch', () => {
  test('graph survives a reload', async ({ page, tables, newWorkflow }) => {
    await importOrderTables(tables);
    const workbench = await newWorkflow('build');

    const blocks = await buildOrderReview(workbench);
    await expect(workbench.problems.getByTestId('problem-count')).toHaveText('0');
    const version = await workbench.save();

    expect(version).toBe(2);
    await page.reload();
    await expect(page.getByTestId('version-chip')).toHaveText('v2');
    await expect(page.getByTestId('unsaved-marker')).toBeHidden();

    await expect(workbench.canvas.locator('.react-flow__node')).toHaveCount(7);
    await expect(workbench.canvas.locator('.react-flow__edge')).toHaveCount(6);
    await expect(page.getByTestId(`rf__edge-e-${blocks.check}-true-${blocks.review}`)).toHaveCount(
      1,
    );
    await expect(page.getByTestId(`rf__edge-e-${blocks.check}-false-${blocks.note}`)).toHaveCount(
      1,
    );

    await expect(workbench.block(blocks.input)).toContainText('with schema');
    await expect(workbench.block(blocks.orders)).toContainText('fetchOrders');
    await expect(workbench.block(blocks.orders)).toContainText('orders · 1 filter · limit 100');
    await expect(workbench.block(blocks.total)).toContainText('sumFreight');
    await expect(workbench.block(blocks.check)).toContainText('vars.total > 100');
    await expect(workbench.block(blocks.review)).toContainText('insert reviews');
  });

  test('block settings survive a reload', async ({ page, tables, newWorkflow }) => {
    await importOrderTables(tables);
    const workbench = await newWorkflow('build-settings');
    const blocks = await buildOrderReview(workbench);
    await workbench.save();

    await page.reload();

    await workbench.select(blocks.orders);
    await expect(workbench.config.field('table')).toHaveValue('orders');
    await expect(page.getByLabel('Filter 1 column')).toHaveValue('customerId');
    await expect(page.getByLabel('Filter 1 value')).toHaveValue('input.customerId');
    await expect(workbench.config.field('outputKey')).toHaveValue('orders');

    await workbench.select(blocks.total);
    await expect(workbench.config.field('code').locator('.cm-content')).toHaveText(
      'return vars.orders.reduce((sum, order) => sum + order.freight, 0);',
    );

    await workbench.select(blocks.review);
    await expect(workbench.config.field('table')).toHaveValue('reviews');
    await expect
      .poll(() => workbench.config.readValues())
      .toEqual({ customerId: 'input.customerId', total: 'vars.total', note: "'big spender'" });
  });
});
