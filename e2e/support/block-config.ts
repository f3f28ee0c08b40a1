import { expect, type Locator, type Page } from '@playwright/test';

/** The settings panel of the selected block, on the right of the workbench. */
export class BlockConfigPanel {
  readonly root: Locator;
  readonly idField: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('config-panel');
    this.idField = page.getByTestId('config-id');
  }

  /** A settings field by its `config-<name>` test id, such as `outputKey` or `condition`. */
  field(name: string): Locator {
    return this.page.getByTestId(`config-${name}`);
  }

  async setName(name: string): Promise<void> {
    await this.field('name').fill(name);
  }

  /** Fills a text or expression field, such as `outputKey`, `condition` or `items`. */
  async fill(name: string, value: string): Promise<void> {
    await this.field(name).fill(value);
    await expect(this.field(name)).toHaveValue(value);
  }

  /** Chooses the table of the selected query or write block once the table list has loaded. */
  async setTable(table: string): Promise<void> {
    const picker = this.field('table');
    await expect(picker.locator('option', { hasText: new RegExp(`^${table}$`) })).toHaveCount(1);
    await picker.selectOption(table);
  }

  /** Replaces the text of a CodeMirror editor, such as `code` (JavaScript) or `schema` (JSON). */
  async setCode(name: 'code' | 'schema', text: string): Promise<void> {
    const content = this.field(name).locator('.cm-content');
    await content.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    // insertText types the text as one input, so the editor's bracket closing adds nothing.
    await this.page.keyboard.insertText(text);
    await expect(content).toHaveText(text.split('\n').join(''));
  }
}
