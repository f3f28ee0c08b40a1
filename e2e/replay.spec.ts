import { expect, test } from './fixtures';
import type { Workbench } from './support/workbench';

/** Js blocks of the chain, in order: each reads the value of the one before it. */
const CHAIN = [
  { outputKey: 'a', code: 'return 2;' },
  { outputKey: 'b', code: 'return vars.a * 10;' },
  { outputKey: 'c', code: 'return vars.b + 1;' },
  { outputKey: 'd', code: 'return vars.c * 2;' },
];

/** Builds input → a → b → c → d from js blocks and returns their ids in that order. */
async function buildChain(workbench: Workbench): Promise<string[]> {
  await workbench.deleteBlock('output');
  const ids: string[] = [];

  for (const { outputKey, code } of CHAIN) {
    const id = await workbench.addBlock('js');
    await workbench.config.setName(outputKey);
    await workbench.config.setCode('code', code);
    await workbench.config.fill('outputKey', outputKey);
    await workbench.autoLayout();
    await workbench.connect(ids.at(-1) ?? 'input', id);
    ids.push(id);
  }

  return ids;
}

test.describe('replay', () => {
  test('replay from a middle step', async ({ page, newWorkflow }) => {
    const workbench = await newWorkflow('replay');
    const [a, b, c, d] = (await buildChain(workbench)) as [string, string, string, string];
    const source = await workbench.run.preview();
    expect(source.status).toBe('success');

    await page.goto(workbench.path);
    await expect(workbench.run.bars).toHaveCount(0);
    await workbench.run.openFromHistory(source.runId);
    await expect(workbench.run.bars).toHaveCount(5);
    await workbench.run.barsOf(b).click();
    await expect(workbench.run.inspector).toContainText('step #2');
    const replay = await workbench.run.replayFromHere();

    expect(replay.status).toBe('success');
    expect(replay.runId).not.toBe(source.runId);
    await expect(page.getByTestId('run-kind')).toHaveText('replay');
    for (const id of [a, b]) {
      await expect(workbench.block(id).getByTestId('badge-snapshot')).toHaveText('snapshot');
      await expect(workbench.block(id).getByTestId('badge-duration')).toHaveCount(0);
    }
    for (const id of [c, d]) {
      await expect(workbench.block(id).getByTestId('badge-snapshot')).toHaveCount(0);
      await expect(workbench.block(id).getByTestId('badge-duration')).toBeVisible();
    }
    await workbench.run.barsOf(d).click();
    await expect(workbench.run.output).toHaveText('42');

    const sourceLink = page.getByTestId('run-source-link');
    await expect(page.getByTestId('run-source')).toContainText('from step #2');
    await expect(sourceLink).toHaveAttribute('href', `${workbench.path}/runs/${source.runId}`);
    await sourceLink.click();

    await page.waitForURL(`**${workbench.path}/runs/${source.runId}`);
    await expect(page.getByTestId('run-kind')).toHaveText('preview');
    await expect(page.getByTestId('run-replay-link')).toHaveAttribute(
      'href',
      `${workbench.path}/runs/${replay.runId}`,
    );
    await expect(workbench.block(a).getByTestId('badge-snapshot')).toHaveCount(0);
  });
});
