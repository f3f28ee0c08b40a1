import { formatBytes } from '@/components/trace/format-size';

import { expect, test } from './fixtures';

const HUGE_CODE = "return Array.from({ length: 200000 }, (_, i) => ({ i, name: 'row ' + i }));";

/** Computes the size in bytes of the block's JSON output, as the engine's trace measures it. */
function hugeOutputBytes(): number {
  const rows = Array.from({ length: 200_000 }, (_, i) => ({ i, name: 'row ' + i }));
  return Buffer.byteLength(JSON.stringify(rows), 'utf8');
}

test.describe('huge output', () => {
  test('truncated preview keeps page responsive', async ({ newWorkflow }) => {
    const workbench = await newWorkflow('huge-output');
    const js = await workbench.addBlock('js');
    await workbench.config.setName('manyRows');
    await workbench.config.setCode('code', HUGE_CODE);
    await workbench.autoLayout();
    await workbench.connect('input', js);

    const outcome = await workbench.run.preview();

    expect(outcome.status).toBe('success');
    await workbench.run.barsOf(js).click();
    const inspector = workbench.run.inspector;
    await expect(inspector).toContainText('manyRows');
    const truncated = inspector.getByTestId('inspector-output').getByTestId('json-truncated');
    await expect(truncated).toHaveText(`truncated, ${formatBytes(hugeOutputBytes())} in full`);
    await expect(inspector.getByTestId('inspector-output')).toContainText(
      String.raw`preview: "[{\"i\":0,\"name\":\"row 0\"},{\"i\":1,`,
    );

    // A frozen page fails here within the expect timeout instead of the test timeout.
    await workbench.block('output').locator('.block-node__header').click({ timeout: 15_000 });
    await expect(workbench.block('output')).toHaveClass(/is-selected/);
    await expect(workbench.config.root).toContainText('Output block');
    await expect(inspector).not.toContainText('manyRows');
  });
});
