import { expect, type Locator, type Page } from '@playwright/test';

/** A CSV file to upload: a name and its text, or a path on disk. */
export type CsvUpload = { name: string; text: string } | { path: string };

/** The data tables page (`/tables`): CSV import, the table list and one table's rows. */
export class TablesPage {
  readonly rows: Locator;

  constructor(private readonly page: Page) {
    this.rows = page.getByTestId('data-row');
  }

  async open(): Promise<void> {
    await this.page.goto('/tables');
    await expect(
      this.page.getByRole('heading', { name: 'Data tables', exact: true }),
    ).toBeVisible();
  }

  /** Returns the table's entry in the list, which shows its row and column counts. */
  entry(table: string): Locator {
    return this.page.getByTestId(`table-${table}`);
  }

  /** Imports a CSV file into a new or existing table and returns the number of rows imported. */
  async importCsv(table: string, file: CsvUpload): Promise<number> {
    await this.open();
    await this.page.getByTestId('import-csv-toggle').click();
    const panel = this.page.getByTestId('import-csv');

    const files =
      'path' in file
        ? file.path
        : { name: file.name, mimeType: 'text/csv', buffer: Buffer.from(file.text, 'utf8') };
    await panel.getByLabel('CSV file').setInputFiles(files);
    await panel.getByLabel(/^Table name/).fill(table);
    await panel.getByTestId('import-start').click();

    const done = panel.getByTestId('import-done');
    await expect(done).toHaveText(new RegExp(`^Imported [\\d,]+ rows? into .*"${table}"`));
    const imported = /Imported ([\d,]+) rows?/.exec((await done.textContent()) ?? '');
    await expect(this.entry(table)).toBeVisible();
    return Number(imported?.[1]?.replace(/,/g, '') ?? Number.NaN);
  }

  /** Opens a table's rows. */
  async show(table: string): Promise<void> {
    await this.entry(table).click();
    await expect(this.page.getByTestId('table-detail')).toHaveAttribute(
      'aria-label',
      `Table ${table}`,
    );
  }

  /** Reads the row count that the table list shows for a table. */
  async rowCount(table: string): Promise<number> {
    const text = (await this.entry(table).textContent()) ?? '';
    const count = /([\d,]+) rows?\b/.exec(text)?.[1];
    if (count === undefined) throw new Error(`No row count in the entry of table "${table}"`);
    return Number(count.replace(/,/g, ''));
  }
}
