import { expect, test, uniqueName } from './fixtures';
import { REVIEWS_CSV } from './support/recipes';
import type { Workbench } from './support/workbench';

const GUARD_REASON = 'already executed (idempotency guard)';

/** Adds a write block that inserts a review whose note is `note` (an expression). */
async function addReviewWrite(workbench: Workbench, add: () => Promise<string>, note: string) {
  const id = await add();
  await workbench.config.setTable('reviews');
  await workbench.config.addValue('customerId', 'input.customerId');
  await workbench.config.addValue('note', note);
  return id;
}

test.describe('live run', () => {
  test.beforeEach(async ({ tables }) => {
    await tables.importCsv('reviews', REVIEWS_CSV);
  });

  test('confirmed run commits the write', async ({ page, tables, newWorkflow }) => {
    const marker = uniqueName('live');
    const workbench = await newWorkflow('live');
    const write = await addReviewWrite(
      workbench,
      () => workbench.addBlock('write'),
      "'committed ' + input.marker",
    );
    await workbench.autoLayout();
    await workbench.connect('input', write);
    await workbench.run.setInput({ customerId: 'LIVE1', marker });

    const outcome = await workbench.run.runLive();

    expect(outcome.status).toBe('success');
    await expect(page.getByTestId('run-kind')).toHaveText('live');
    await expect(workbench.block(write).getByTestId('badge-staged')).toHaveCount(0);
    await expect(workbench.block(write).getByTestId('badge-duration')).toBeVisible();

    await tables.open();
    await tables.show('reviews');
    await expect(tables.rows).toHaveCount(2);
    const written = tables.rows.filter({ hasText: `committed ${marker}` });
    await expect(written).toHaveCount(1);
    await expect(written).toContainText('LIVE1');
  });

  test('cancelled confirmation runs nothing', async ({ page, tables, newWorkflow }) => {
    const workbench = await newWorkflow('live-cancel');
    const write = await addReviewWrite(workbench, () => workbench.addBlock('write'), "'cancelled'");
    await workbench.autoLayout();
    await workbench.connect('input', write);
    await workbench.run.setInput({ customerId: 'LIVE2' });

    await workbench.run.liveButton.click();
    const dialog = page.getByRole('dialog', { name: 'Run live?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('run-history-empty')).toBeVisible();
    await tables.open();
    expect(await tables.rowCount('reviews')).toBe(1);
  });

  test('loop of unkeyed writes writes once', async ({ page, tables, newWorkflow }) => {
    const workbench = await newWorkflow('live-loop');
    const loop = await workbench.addBlock('loop');
    await workbench.config.fill('items', '[1, 2, 3]');
    const write = await addReviewWrite(
      workbench,
      () => workbench.addBlockToLoop(loop, 'write'),
      "'loop item ' + item",
    );
    await workbench.autoLayout();
    await workbench.connect('input', loop);
    await workbench.run.setInput({ customerId: 'LOOP1' });

    const outcome = await workbench.run.runLive();

    expect(outcome.status).toBe('success');
    await expect(workbench.block(loop).getByTestId('badge-iterations')).toHaveText('3×');
    const skipped = workbench.block(write).getByTestId('badge-skipped');
    await expect(skipped).toContainText('2 skipped');
    await expect(skipped).toContainText(GUARD_REASON);
    const bars = workbench.run.barsOf(write);
    await expect(bars).toHaveCount(3);
    await expect(bars.nth(0)).toHaveAccessibleName(new RegExp(`^${write} iteration 0: [^,]+$`));
    await expect(bars.nth(1)).toHaveAccessibleName(
      new RegExp(`^${write} iteration 1: .+, skipped$`),
    );
    await expect(bars.nth(2)).toHaveAccessibleName(
      new RegExp(`^${write} iteration 2: .+, skipped$`),
    );

    await bars.nth(2).click();
    const inspector = workbench.run.inspector;
    await expect(inspector.getByTestId('inspector-status')).toHaveText('skipped');
    await expect(inspector.getByTestId('inspector-skip')).toContainText(GUARD_REASON);
    await expect(inspector.getByTestId('skip-first-step')).toBeVisible();

    await tables.open();
    expect(await tables.rowCount('reviews')).toBe(2);
    await tables.show('reviews');
    await expect(tables.rows.filter({ hasText: 'loop item 1' })).toHaveCount(1);
    await expect(tables.rows.filter({ hasText: /loop item [23]/ })).toHaveCount(0);
    await expect(page.getByTestId('rows-pagination')).toContainText('of 2');
  });
});
