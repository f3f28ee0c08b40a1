import { expect, test } from './fixtures';

test.describe('errors', () => {
  test('thrown error shows on block and inspector', async ({ page, newWorkflow }) => {
    const workbench = await newWorkflow('errors-throw');
    const js = await workbench.addBlock('js');
    await workbench.config.setName('checkStock');
    await workbench.config.setCode('code', "throw new Error('stock level missing');");
    await workbench.autoLayout();
    await workbench.connect('input', js);

    const outcome = await workbench.run.preview();

    expect(outcome.status).toBe('error');
    const message = `Block "${js}": code threw Error: stock level missing (line 1, column 7)`;
    const badge = workbench.block(js).getByTestId('badge-error');
    await expect(badge).toHaveText(`error${message}`);
    await expect(badge).toHaveAttribute('title', message);
    await expect(page.getByTestId('run-error')).toHaveText(`Run failed: ${message}`);
    await workbench.select(js);
    await expect(workbench.run.inspector.getByTestId('inspector-status')).toHaveText('error');
    await expect(workbench.run.inspector.getByTestId('inspector-error').locator('p')).toHaveText(
      message,
    );
  });

  test('broken expression blocks the run', async ({ newWorkflow }) => {
    const workbench = await newWorkflow('errors-expression');
    const branch = await workbench.addBlock('branch');
    await workbench.config.setName('bigOrder');
    await workbench.autoLayout();
    await workbench.connect('input', branch);

    await workbench.select(branch);
    await workbench.config.fill('condition', 'input.total >');

    const problem = workbench.block(branch).getByTestId('block-problem');
    await expect(problem).toHaveText(
      `Branch block "${branch}": condition does not parse: Unexpected end of input`,
    );
    await expect(workbench.problems.getByTestId('problem-count')).toHaveText('1');
    await expect(workbench.run.previewButton).toBeDisabled();
    await expect(workbench.run.liveButton).toBeDisabled();
    await expect(workbench.run.blockedReason).toHaveText(
      'Fix the 1 problem in the workflow before running it',
    );
    await expect(workbench.run.previewButton).toHaveAttribute(
      'title',
      'Fix the 1 problem in the workflow before running it',
    );

    await workbench.config.fill('condition', 'input.total > 100');

    await expect(problem).toHaveCount(0);
    await expect(workbench.run.blockedReason).toHaveCount(0);
    await expect(workbench.run.previewButton).toBeEnabled();
  });
});
