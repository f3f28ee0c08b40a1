import { expect, type Locator, type Page } from '@playwright/test';

import type { BlockType } from '@/engine/types';

import { BlockConfigPanel } from './block-config';
import { RunPanel } from './run-panel';

/**
 * The editor and debugger of one workflow (`/workflows/[id]`): the palette, the canvas, the block
 * settings and the run panel, driven the way a person drives them.
 */
export class Workbench {
  readonly canvas: Locator;
  readonly config: BlockConfigPanel;
  readonly run: RunPanel;
  readonly problems: Locator;

  constructor(
    readonly page: Page,
    readonly workflowId: string,
  ) {
    this.canvas = page.getByTestId('canvas');
    this.config = new BlockConfigPanel(page);
    this.run = new RunPanel(page);
    this.problems = page.getByTestId('problems');
  }

  /** Address of the workflow's editor. */
  get path(): string {
    return `/workflows/${this.workflowId}`;
  }

  block(id: string): Locator {
    return this.page.getByTestId(`block-${id}`);
  }

  /** Clicks a palette entry and returns the id of the block it added, which is then selected. */
  async addBlock(type: BlockType): Promise<string> {
    const before = await this.blockIds();
    await this.page.getByTestId(`palette-${type}`).click();

    await expect.poll(async () => (await this.blockIds()).length).toBe(before.length + 1);
    const id = (await this.blockIds()).find((blockId) => !before.includes(blockId))!;
    await expect(this.config.idField).toHaveValue(id);
    return id;
  }

  /** Adds a block into the body of a loop: selects the loop, then clicks the palette entry. */
  async addBlockToLoop(loopId: string, type: BlockType): Promise<string> {
    await this.select(loopId);
    return this.addBlock(type);
  }

  /** Ids of the blocks on the canvas. */
  async blockIds(): Promise<string[]> {
    const testIds = await this.canvas
      .locator('.react-flow__node > [data-testid^="block-"]')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-testid')));
    return testIds.flatMap((testId) => (testId ? [testId.slice('block-'.length)] : []));
  }

  /** Selects a block by clicking its header, and waits for its settings. */
  async select(id: string): Promise<void> {
    await this.block(id).locator('.block-node__header, .loop-node__header').first().click();
    await expect(this.block(id)).toHaveClass(/is-selected/);
    await expect(this.config.idField).toHaveValue(id);
  }

  /** Deletes a block with the Delete key, as a person would after selecting it. */
  async deleteBlock(id: string): Promise<void> {
    await this.select(id);
    await this.page.keyboard.press('Delete');
    await expect(this.block(id)).toHaveCount(0);
  }

  /**
   * Connects two blocks by dragging from the source's output handle to the target's input
   * handle. For a branch block, `branch` picks its `true` or `false` handle.
   */
  async connect(sourceId: string, targetId: string, branch?: 'true' | 'false'): Promise<void> {
    const source = branch
      ? this.block(sourceId).getByTestId(`handle-${branch}`)
      : this.block(sourceId).locator('.react-flow__handle.source');
    const target = this.block(targetId).locator('.react-flow__handle.target');
    const edges = this.canvas.locator('.react-flow__edge');
    const edgeCount = await edges.count();

    await this.dragBetween(source, target);
    await expect(edges).toHaveCount(edgeCount + 1);
  }

  private async dragBetween(from: Locator, to: Locator): Promise<void> {
    const start = await centerOf(from);
    const end = await centerOf(to);

    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move(end.x, end.y, { steps: 12 });
    await this.page.mouse.up();
  }

  /** Arranges the blocks top to bottom and fits them into view. */
  async autoLayout(): Promise<void> {
    await this.page.getByRole('button', { name: 'Auto-layout' }).click();
    await this.waitForStillViewport();
  }

  /**
   * Waits until the canvas transform stops changing, because the view fits with an animation
   * and a drag that starts during it misses the moving handle.
   */
  private async waitForStillViewport(): Promise<void> {
    const viewport = this.canvas.locator('.react-flow__viewport');
    let previous: string | null = null;

    await expect
      .poll(
        async () => {
          const current = await viewport.evaluate((element) => getComputedStyle(element).transform);
          const isStill = current === previous;
          previous = current;
          return isStill;
        },
        { intervals: [150] },
      )
      .toBe(true);
  }

  /** Saves the graph as a new version and returns its number. */
  async save(): Promise<number> {
    await this.page.getByTestId('save-button').click();
    await expect(this.page.getByTestId('unsaved-marker')).toBeHidden();
    const chip = (await this.page.getByTestId('version-chip').textContent()) ?? '';
    return Number(chip.replace(/^v/, ''));
  }
}

async function centerOf(locator: Locator): Promise<{ x: number; y: number }> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error(`Dragging failed: ${locator} has no bounding box, so it is hidden`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
