import { expect, test } from './fixtures';
import { ALFKI_FREIGHT_TOTAL, buildOrderReview, importOrderTables } from './support/recipes';

/** A duration as the badges format it: `12 µs`, `4.2 ms`, `1.53 s`. */
const DURATION = /^(<1 µs|\d+ µs|\d+(\.\d+)? (ms|s))$/;

test.describe('preview', () => {
  // One build serves every check below, because building the workflow is the slow part.
  test('order review preview', async ({ tables, newWorkflow }) => {
    await importOrderTables(tables);
    const workbench = await newWorkflow('preview');
    const blocks = await buildOrderReview(workbench);
    await workbench.run.setInput({ customerId: 'ALFKI' });
    const { run } = workbench;

    const outcome = await run.preview();

    expect(outcome.status).toBe('success');
    await expect(workbench.page.getByTestId('run-kind')).toHaveText('preview');

    await test.step('each block that ran shows its duration', async () => {
      const ran = [blocks.input, blocks.orders, blocks.total, blocks.check, blocks.review];
      for (const id of ran) {
        await expect(workbench.block(id).getByTestId('badge-duration')).toHaveText(DURATION);
      }
    });

    await test.step('the repeated query is a cache hit', async () => {
      await expect(workbench.block(blocks.orders).getByTestId('badge-cache-hit')).toHaveCount(0);
      await expect(workbench.block(blocks.ordersAgain).getByTestId('badge-cache-hit')).toHaveText(
        'cache hit',
      );
    });

    await test.step('the block on the branch not taken is skipped with the reason', async () => {
      const skipped = workbench.block(blocks.note).getByTestId('badge-skipped');
      await expect(skipped).toContainText('skipped');
      await expect(skipped).toContainText('branch not taken');
    });

    await test.step('the write is staged', async () => {
      await expect(workbench.block(blocks.review).getByTestId('badge-staged')).toHaveText('staged');
      await expect(workbench.block(blocks.review).getByTestId('badge-skipped')).toHaveCount(0);
    });

    await test.step('the metrics bar counts the query sent and the cache hit', async () => {
      await expect(run.metric('queries')).toHaveText('1');
      await expect(run.metric('cache-hits')).toHaveText('1');
      await expect(run.metric('steps')).toHaveText('7');
      await expect(run.metric('skipped')).toHaveText('1');
    });

    await test.step('the timeline has one bar per step', async () => {
      await expect(run.bars).toHaveCount(7);
      for (const id of Object.values(blocks)) await expect(run.barsOf(id)).toHaveCount(1);
    });

    await test.step('clicking a bar selects its block and inspects its output', async () => {
      await run.barsOf(blocks.total).click();

      await expect(workbench.block(blocks.total)).toHaveClass(/is-selected/);
      await expect(run.barsOf(blocks.total)).toHaveAttribute('aria-pressed', 'true');
      await expect(run.inspector).toContainText('sumFreight');
      await expect(run.inspector.getByTestId('inspector-status')).toHaveText('executed');
      await expect(run.output).toHaveText(String(ALFKI_FREIGHT_TOTAL));
    });

    await test.step('the inspector shows the staged write', async () => {
      await run.barsOf(blocks.review).click();

      await expect(workbench.block(blocks.review)).toHaveClass(/is-selected/);
      const effects = run.inspector.getByTestId('inspector-side-effects');
      await expect(effects).toContainText('write staged');
      await effects.getByRole('button', { name: 'Expand values' }).click();
      await expect(effects).toContainText(`note: "big spender"`);
      await expect(effects).toContainText(`total: ${ALFKI_FREIGHT_TOTAL}`);
    });

    await test.step('the staged write leaves the table unchanged', async () => {
      await tables.open();

      expect(await tables.rowCount('reviews')).toBe(1);
    });
  });
});
