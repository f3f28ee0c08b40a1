import { expect, type Locator, type Page } from '@playwright/test';

import type { FilterOperator } from '@/engine/types';

/** Symbols the filter editor shows for each operator, as in its `<select>` options. */
const OPERATOR_LABELS: Record<FilterOperator, string> = {
  eq: '=',
  neq: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  contains: 'contains',
  in: 'in',
  isNull: 'is null',
  notNull: 'is not null',
};

export interface FilterSpec {
  column: string;
  op: FilterOperator;
  /** Expression to compare with; none for `isNull` and `notNull`. */
  value?: string;
}

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

  /** Adds a filter row to the selected query block. */
  async addFilter(filter: FilterSpec): Promise<void> {
    const rows = this.page.getByTestId('filter-editor').locator('.filter-row');
    const position = (await rows.count()) + 1;
    await this.page.getByTestId('filter-add').click();

    await this.page.getByLabel(`Filter ${position} column`).selectOption(filter.column);
    const operator = OPERATOR_LABELS[filter.op];
    await this.page.getByLabel(`Filter ${position} operator`).selectOption({ label: operator });
    if (filter.value !== undefined) {
      await this.page.getByLabel(`Filter ${position} value`).fill(filter.value);
    }
  }

  /** Adds a `column → expression` entry to the selected write block's values. */
  async addValue(column: string, expression: string): Promise<void> {
    const editor = this.page.getByTestId('config-values');
    const position = (await editor.locator('.kv-row').count()) + 1;
    await this.page.getByTestId('config-values-add').click();

    await this.page.getByLabel(`Values ${position} name`).fill(column);
    await this.page.getByLabel(`Values ${position} expression`).fill(expression);
  }

  /** Reads the selected write block's values as `column → expression`, in any order. */
  async readValues(): Promise<Record<string, string>> {
    const rows = this.page.getByTestId('config-values').locator('.kv-row');
    const pairs = await rows.evaluateAll((elements) =>
      elements.map((row) => [...row.querySelectorAll('input')].map((input) => input.value)),
    );
    return Object.fromEntries(pairs.map(([column, expression]) => [column, expression]));
  }
}
